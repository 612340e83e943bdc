using System.Security.Claims;
using System.Security.Cryptography;
using Community.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Community.Unit.Tests.Platform;

/// <summary>
/// A token is accepted from memory only after one full validation, never past its expiry, never for longer than five
/// minutes, and every caller gets an identity of its own. "Accepted from memory" is seen by validating a second time
/// against a key that did not sign it: a fresh validation refuses that.
/// </summary>
public sealed class RememberingTokenHandlerTests : IDisposable
{
    private const string Issuer = "https://provider.test/";
    private const string Audience = "community-api";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _otherRsa = RSA.Create(2048);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly RememberingTokenHandler _handler;

    public RememberingTokenHandlerTests() => _handler = new RememberingTokenHandler(_clock) { MapInboundClaims = false };

    public void Dispose()
    {
        _rsa.Dispose();
        _otherRsa.Dispose();
    }

    [Fact]
    public async Task A_token_validated_once_is_accepted_again_without_its_signature_checked_again()
    {
        var token = Token("person-1", TimeSpan.FromHours(1));

        Assert.True((await _handler.ValidateTokenAsync(token, Parameters(_rsa))).IsValid);
        var again = await _handler.ValidateTokenAsync(token, Parameters(_otherRsa));

        Assert.True(again.IsValid);
        Assert.Equal("person-1", again.ClaimsIdentity.FindFirst(CommunityClaims.Subject)?.Value);
        Assert.True(again.ClaimsIdentity.IsAuthenticated);
        Assert.IsType<JsonWebToken>(again.SecurityToken);
        // Another token is not: the memory is of exact tokens.
        Assert.False((await _handler.ValidateTokenAsync(Token("person-2", TimeSpan.FromHours(1)), Parameters(_otherRsa))).IsValid);
    }

    [Fact]
    public async Task A_remembered_token_is_validated_afresh_after_five_minutes()
    {
        var token = Token("person-1", TimeSpan.FromHours(1));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters(_rsa))).IsValid);

        _clock.Advance(RememberingTokenHandler.RememberFor - TimeSpan.FromSeconds(1));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters(_otherRsa))).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False((await _handler.ValidateTokenAsync(token, Parameters(_otherRsa))).IsValid);
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters(_rsa))).IsValid);
    }

    [Fact]
    public async Task A_token_is_never_accepted_from_memory_after_it_expires()
    {
        var token = Token("person-1", TimeSpan.FromMinutes(2));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters(_rsa))).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        Assert.False((await _handler.ValidateTokenAsync(token, Parameters(_otherRsa))).IsValid);
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered()
    {
        var token = Token("person-1", TimeSpan.FromHours(1));

        Assert.False((await _handler.ValidateTokenAsync(token, Parameters(_otherRsa))).IsValid);
        Assert.Equal(0, _handler.Count);
    }

    [Fact]
    public async Task Each_request_gets_an_identity_of_its_own()
    {
        var token = Token("person-1", TimeSpan.FromHours(1));
        var first = await _handler.ValidateTokenAsync(token, Parameters(_rsa));
        first.ClaimsIdentity.AddClaim(new Claim(CommunityClaims.Role, "added-by-one-request"));

        var second = await _handler.ValidateTokenAsync(token, Parameters(_rsa));
        second.ClaimsIdentity.AddClaim(new Claim(CommunityClaims.Role, "added-by-another"));
        var third = await _handler.ValidateTokenAsync(token, Parameters(_rsa));

        Assert.NotSame(second.ClaimsIdentity, third.ClaimsIdentity);
        Assert.DoesNotContain(third.ClaimsIdentity.Claims, c => c.Value is "added-by-one-request" or "added-by-another");
        Assert.Equal(first.ClaimsIdentity.AuthenticationType, third.ClaimsIdentity.AuthenticationType);
        Assert.Equal(CommunityClaims.Role, third.ClaimsIdentity.RoleClaimType);
        Assert.Equal(CommunityClaims.Name, third.ClaimsIdentity.NameClaimType);
        // The library's identity compares claim types case-sensitively; a copy from memory must too.
        Assert.IsType(first.ClaimsIdentity.GetType(), third.ClaimsIdentity);
    }

    [Fact]
    public async Task When_full_it_keeps_those_it_holds_and_makes_room_as_they_expire()
    {
        // Signed with a shared key: thousands of RSA signatures would only make the test slow.
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var notTheSigner = Parameters(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
        var first = Token("person-0", TimeSpan.FromMinutes(1), key, SecurityAlgorithms.HmacSha256);
        Assert.True((await _handler.ValidateTokenAsync(first, Parameters(key))).IsValid);
        for (var i = 1; i < RememberingTokenHandler.Capacity; i++)
        {
            Assert.True((await _handler.ValidateTokenAsync(Token($"person-{i}", TimeSpan.FromHours(1), key, SecurityAlgorithms.HmacSha256), Parameters(key))).IsValid);
        }

        var newcomer = Token("newcomer", TimeSpan.FromHours(1), key, SecurityAlgorithms.HmacSha256);
        Assert.True((await _handler.ValidateTokenAsync(newcomer, Parameters(key))).IsValid);

        Assert.Equal(RememberingTokenHandler.Capacity, _handler.Count);
        Assert.True((await _handler.ValidateTokenAsync(first, notTheSigner)).IsValid);
        Assert.False((await _handler.ValidateTokenAsync(newcomer, notTheSigner)).IsValid);

        // The first has expired: the next newcomer takes its room.
        _clock.Advance(TimeSpan.FromMinutes(2));
        var later = Token("later", TimeSpan.FromHours(1), key, SecurityAlgorithms.HmacSha256);
        Assert.True((await _handler.ValidateTokenAsync(later, Parameters(key))).IsValid);
        Assert.True((await _handler.ValidateTokenAsync(later, notTheSigner)).IsValid);
        Assert.Equal(RememberingTokenHandler.Capacity, _handler.Count);
    }

    [Fact]
    public void Every_service_validates_with_it_and_keeps_claim_names_as_the_provider_wrote_them()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Authority"] = "http://provider.test/" });
        builder.AddCommunityAuthentication();
        using var host = builder.Build();

        var bearer = host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        var handler = Assert.IsType<RememberingTokenHandler>(Assert.Single(bearer.TokenHandlers));
        Assert.False(handler.MapInboundClaims);
    }

    private string Token(string subject, TimeSpan lifetime) =>
        Token(subject, lifetime, new RsaSecurityKey(_rsa), SecurityAlgorithms.RsaSha256);

    private string Token(string subject, TimeSpan lifetime, SecurityKey key, string algorithm)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { [CommunityClaims.Subject] = subject, [CommunityClaims.Role] = "resident" },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    private TokenValidationParameters Parameters(RSA signer) => Parameters(new RsaSecurityKey(signer));

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        RoleClaimType = CommunityClaims.Role,
        NameClaimType = CommunityClaims.Name,
        // The fake clock moves, the library's own lifetime check reads the real one: no skew, so expiry is exact.
        ClockSkew = TimeSpan.Zero,
        LifetimeValidator = (notBefore, expires, _, _) => _clock.GetUtcNow().UtcDateTime is var now && (notBefore is null || now >= notBefore) && (expires is null || now < expires),
    };
}
