namespace Community.Services.Partners.Webhooks;

/// <summary>What one attempt's answer means for its delivery and its endpoint.</summary>
public enum AttemptVerdict
{
    /// <summary>2xx: delivered.</summary>
    Delivered,

    /// <summary>Failed; try again at the given time.</summary>
    RetryLater,

    /// <summary>Failed, and the delivery is past its give-up time.</summary>
    GiveUp,

    /// <summary>410 Gone: the partner has taken the endpoint away; switch it off at once.</summary>
    EndpointGone,
}

/// <summary>
/// Retries with exponential back-off and jitter: the n-th retry waits a random time between half and all of
/// <c>first × 2^(n-1)</c> (capped), so many endpoints failing together do not retry in lockstep.
/// </summary>
public static class RetrySchedule
{
    public static (AttemptVerdict Verdict, DateTimeOffset? NextAttemptAt) Decide(
        int? statusCode, int attemptsSoFar, DateTimeOffset now, DateTimeOffset giveUpAt, WebhookOptions options, double random)
    {
        if (statusCode is >= 200 and < 300)
        {
            return (AttemptVerdict.Delivered, null);
        }

        if (statusCode == 410)
        {
            return (AttemptVerdict.EndpointGone, null);
        }

        var next = now + Delay(attemptsSoFar + 1, options.FirstRetryDelay, options.MaxRetryDelay, random);
        return next > giveUpAt ? (AttemptVerdict.GiveUp, null) : (AttemptVerdict.RetryLater, next);
    }

    /// <summary>The wait after the <paramref name="attempt"/>-th failed attempt; <paramref name="random"/> in [0, 1).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max, double random)
    {
        var exponential = first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var ceiling = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * random);
    }
}
