using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pulse.Web.Tests.Access;

/// <summary>A host that also takes bearer tokens signed with a shared key (an identity provider's, in a deployment).</summary>
public sealed class TokenAccessHost : AccessHost
{
    public static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    protected override IEnumerable<string> Settings =>
        [$"--Pulse:Access:Jwt:SigningKey={Convert.ToBase64String(SigningKey)}", "--Pulse:Access:Jwt:Issuer=https://id.example", "--Pulse:Access:Jwt:Audience=pulse-api"];
}

/// <summary>JWT bearer tokens (docs/security.md): the provider's roles claim carries Pulse's roles; forged, expired or foreign tokens are 401.</summary>
public sealed class TokenTests(TokenAccessHost host) : IClassFixture<TokenAccessHost>
{
    [Fact]
    public async Task A_token_carries_its_roles_and_a_bad_one_is_refused()
    {
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(Token(["agent"]), "/api/v1/customers/nobody"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(Token(["agent"]), "/api/v1/keys"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Token(["admin"]), "/api/v1/keys"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(Token([]), "/api/v1/customers/nobody"));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Token(["admin"], expires: DateTime.UtcNow.AddMinutes(-5)), "/api/v1/keys"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Token(["admin"], key: RandomNumberGenerator.GetBytes(32)), "/api/v1/keys"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Token(["admin"], audience: "another-api"), "/api/v1/keys"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Token(["admin"], issuer: "https://elsewhere.example"), "/api/v1/keys"));

        // Keys keep working beside tokens.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(AccessHost.AdminKey, "/api/v1/keys"));
    }

    private async Task<HttpStatusCode> StatusAsync(string credential, string path)
    {
        using var http = host.Client(credential);
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static string Token(string[] roles, DateTime? expires = null, byte[]? key = null, string audience = "pulse-api", string issuer = "https://id.example")
    {
        var claims = new List<Claim> { new("sub", "j.smith"), new("name", "Jo Smith") };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var at = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            NotBefore = at.AddMinutes(-20),
            IssuedAt = at.AddMinutes(-20),
            Expires = at,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? TokenAccessHost.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
