using System.Xml.Linq;

namespace Pulse.Deployment.Tests.Rendering;

/// <summary>The release the build stamps on assemblies and images (<c>Version</c> in Directory.Build.props).</summary>
internal static class Release
{
    public static string Version { get; } =
        XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("Version").Single().Value;
}
