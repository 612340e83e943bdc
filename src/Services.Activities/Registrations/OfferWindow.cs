namespace Community.Services.Activities.Registrations;

/// <summary>How long the first person waiting has to accept a freed place.</summary>
public static class OfferWindow
{
    /// <summary>
    /// The configured window (<see cref="WaitlistOptions.OfferWindow"/>), but at most a quarter of the time left before
    /// the start, so the place can still pass on; never shorter than <see cref="WaitlistOptions.MinimumOfferWindow"/>,
    /// unless the session starts sooner, and never past the start.
    /// </summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset sessionStartsAt, DateTimeOffset now, WaitlistOptions options)
    {
        var left = sessionStartsAt - now;
        var window = TimeSpan.FromTicks(Math.Min(options.OfferWindow.Ticks, left.Ticks / 4));
        if (window < options.MinimumOfferWindow)
        {
            window = options.MinimumOfferWindow < left ? options.MinimumOfferWindow : left;
        }

        return now + window;
    }
}
