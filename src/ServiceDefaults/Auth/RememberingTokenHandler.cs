using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Community.ServiceDefaults.Auth;

/// <summary>
/// Validates the provider's tokens as <see cref="JsonWebTokenHandler"/> does, and remembers each valid one (by its exact
/// text) until it expires or for at most <see cref="RememberFor"/>, whichever is sooner. A person's app sends the same
/// token with every request for an hour, and checking its RS256 signature and reading its claims again was a third of
/// the gateway's CPU a request and as much again in the service behind it.
/// </summary>
/// <remarks>
/// What is the same as before: a token is accepted only after one full validation (signature, issuer, audience,
/// lifetime), and a token is never accepted after its expiry from memory. What differs: a token signed with a key the
/// provider has since withdrawn stays accepted for at most <see cref="RememberFor"/> after it was first seen (the
/// provider's keys themselves are re-read only every 12 hours, so that window was already open). Refused tokens are not
/// remembered. Each caller gets its own copy of the identity, so nothing one request adds to it is seen by another.
/// One instance serves one authentication scheme: a hit does not look at the validation parameters again, so it must
/// never be shared between schemes or audiences (hence internal; <see cref="AuthenticationSetup"/> makes one a scheme).
/// </remarks>
internal sealed class RememberingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    /// <summary>The longest a validated token is taken on trust: the provider's key rollover is measured in days.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    /// <summary>Tokens held at most (a few KB each): the neighbourhood's people active in one five-minute window.</summary>
    public const int Capacity = 2048;

    /// <summary>How often a full memory is swept for expired tokens at most.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Remembered> _remembered = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    /// <summary>How many tokens are held now (for tests and diagnostics).</summary>
    public int Count => _remembered.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_remembered.TryGetValue(token, out var remembered))
        {
            if (now < remembered.Until)
            {
                return remembered.Copy();
            }

            _remembered.TryRemove(KeyValuePair.Create(token, remembered));
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && result.ClaimsIdentity is { } identity)
        {
            // A token without an expiry is remembered for RememberFor; a token past its expiry (accepted within the
            // clock skew) is not remembered at all.
            var until = jwt.ValidTo == DateTime.MinValue ? now + RememberFor : Min(jwt.ValidTo, now + RememberFor);
            if (until > now)
            {
                Remember(token, new Remembered(jwt, identity.Clone(), result.Issuer, result.TokenType, until), now);
            }
        }

        return result;
    }

    private void Remember(string token, Remembered remembered, DateTime now)
    {
        // Adding is once per token, so counting here is cheap enough; reading never counts.
        if (_remembered.Count >= Capacity && !SweptFull(now))
        {
            // More people in five minutes than it holds: those already remembered stay, the newcomer is validated
            // each time until room is made. Dropping everyone would send every active person back to full validation.
            return;
        }

        _remembered[token] = remembered;
    }

    /// <summary>Makes room by dropping expired tokens, at most once every <see cref="SweepEvery"/>; whether room was made.</summary>
    private bool SweptFull(DateTime now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.Ticks - last < SweepEvery.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.Ticks, last) != last)
        {
            return false;
        }

        foreach (var (key, old) in _remembered)
        {
            if (old.Until <= now)
            {
                _remembered.TryRemove(KeyValuePair.Create(key, old));
            }
        }

        return _remembered.Count < Capacity;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private sealed record Remembered(JsonWebToken Token, ClaimsIdentity Identity, string? Issuer, string? TokenType, DateTime Until)
    {
        public TokenValidationResult Copy() => new()
        {
            IsValid = true,
            SecurityToken = Token,
            ClaimsIdentity = Identity.Clone(),
            Issuer = Issuer,
            TokenType = TokenType,
        };
    }
}
