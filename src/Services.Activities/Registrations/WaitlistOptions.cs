namespace Community.Services.Activities.Registrations;

/// <summary>Settings under <c>Waitlist</c>.</summary>
public sealed class WaitlistOptions
{
    /// <summary>How long the first waiting person has to accept a freed place (shorter near the start).</summary>
    public TimeSpan OfferWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>No offer is shorter than this, unless the session starts sooner.</summary>
    public TimeSpan MinimumOfferWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often expired offers are passed on.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
