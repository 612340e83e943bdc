using Community.Services.Activities.Registrations;
using Microsoft.Extensions.Time.Testing;

namespace Community.Unit.Tests.Activities;

public sealed class RegistrationTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    private Registration Make(bool placeTaken, long rank = 0) =>
        Registration.Create(Guid.NewGuid(), new Participant("resident:r-1", "  王阿姨 ", 1950, "account:subject-1", null, OnBehalf: false, null),
            "subject-1", "王阿姨", placeTaken, rank, null, new CheckInCodes().New(), _clock.GetUtcNow());

    [Fact]
    public void With_a_place_free_the_registration_is_confirmed_and_holds_it()
    {
        var registration = Make(placeTaken: true, rank: 7);

        Assert.Equal(RegistrationStatus.Confirmed, registration.Status);
        Assert.True(registration.HoldsAPlace);
        Assert.Null(registration.WaitlistRank);
        Assert.Equal("王阿姨", registration.ParticipantName);
        Assert.Equal("account:subject-1", registration.HouseholdRef);
    }

    [Fact]
    public void Without_a_place_the_registration_waits_at_its_rank_and_holds_none()
    {
        var registration = Make(placeTaken: false, rank: 7);

        Assert.Equal(RegistrationStatus.Waitlisted, registration.Status);
        Assert.False(registration.HoldsAPlace);
        Assert.Equal(7, registration.WaitlistRank);
    }

    [Fact]
    public void An_offer_holds_a_place_until_it_is_accepted_or_cancelled()
    {
        var accepted = Make(placeTaken: false, rank: 1);
        var expires = _clock.GetUtcNow().AddHours(24);
        accepted.Offer(expires);
        Assert.True(accepted.HoldsAPlace);
        Assert.Equal(expires, accepted.OfferExpiresAt);

        accepted.Confirm();
        Assert.Equal(RegistrationStatus.Confirmed, accepted.Status);
        Assert.Null(accepted.OfferExpiresAt);
        Assert.Null(accepted.WaitlistRank);

        var lapsed = Make(placeTaken: false, rank: 2);
        lapsed.Offer(expires);
        _clock.Advance(TimeSpan.FromHours(25));
        lapsed.Cancel("offer expired", "the system", _clock.GetUtcNow());
        Assert.False(lapsed.HoldsAPlace);
        Assert.Null(lapsed.OfferExpiresAt);
        Assert.Equal(_clock.GetUtcNow(), lapsed.CancelledAt);
        Assert.Equal("offer expired", lapsed.CancelReason);
    }

    [Fact]
    public void Checking_in_twice_keeps_the_first_time()
    {
        var registration = Make(placeTaken: true);
        var first = _clock.GetUtcNow();

        registration.CheckIn(first);
        _clock.Advance(TimeSpan.FromMinutes(5));
        registration.CheckIn(_clock.GetUtcNow());

        Assert.Equal(first, registration.CheckedInAt);
    }

    [Fact]
    public void Check_in_codes_are_six_characters_without_look_alikes()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => new CheckInCodes().New()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(6, code.Length);
            Assert.All(code, c => Assert.Contains(c, "23456789ABCDEFGHJKMNPQRSTUVWXYZ"));
        });
        Assert.DoesNotContain(codes, code => code.IndexOfAny(['0', 'O', '1', 'I', 'L']) >= 0);
        Assert.True(codes.Distinct().Count() > 490, "codes repeat far more often than chance");
    }
}
