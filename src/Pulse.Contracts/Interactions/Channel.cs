namespace Pulse.Contracts.Interactions;

/// <summary>Where an interaction happened. Wire names are lower-case and hyphenated (<c>call-centre</c>).</summary>
public enum Channel
{
    Web = 0,
    CallCentre = 1,
    Email = 2,
    Store = 3,
    Mobile = 4,
}
