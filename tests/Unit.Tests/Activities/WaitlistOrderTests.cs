using Community.Services.Activities.Registrations;

namespace Community.Unit.Tests.Activities;

public sealed class WaitlistOrderTests
{
    private static readonly Guid Session = Guid.NewGuid();

    private static List<Registration> Waiting(params long[] ranks) => ranks
        .Select((rank, i) => Registration.Create(Session, new Participant($"r:{i}", $"P{i}", null, "account:subject", null, false, null), "subject", "P", placeTaken: false, rank, null, "ABCDEF", DateTimeOffset.UnixEpoch))
        .ToList();

    [Fact]
    public void Moving_the_last_to_the_front_hands_the_same_ranks_out_in_the_new_order()
    {
        var waiting = Waiting(10, 20, 35, 40);
        var (a, b, c, d) = (waiting[0], waiting[1], waiting[2], waiting[3]);

        var from = WaitlistOrder.Move(waiting, d, 1);

        Assert.Equal(4, from);
        Assert.Equal([d, a, b, c], waiting);
        Assert.Equal([10L, 20L, 35L, 40L], waiting.Select(r => r.WaitlistRank!.Value));
        Assert.Equal(10, d.WaitlistRank);
        Assert.Equal(40, c.WaitlistRank);
    }

    [Fact]
    public void Moving_the_first_back_lets_the_others_step_up()
    {
        var waiting = Waiting(10, 20, 30);
        var (a, b, c) = (waiting[0], waiting[1], waiting[2]);

        var from = WaitlistOrder.Move(waiting, a, 2);

        Assert.Equal(1, from);
        Assert.Equal((20L, 10L, 30L), (a.WaitlistRank!.Value, b.WaitlistRank!.Value, c.WaitlistRank!.Value));
    }

    [Fact]
    public void Moving_to_the_same_place_changes_nothing()
    {
        var waiting = Waiting(10, 20, 30);
        var b = waiting[1];

        Assert.Equal(2, WaitlistOrder.Move(waiting, b, 2));
        Assert.Equal([10L, 20L, 30L], waiting.Select(r => r.WaitlistRank!.Value));
        Assert.Equal(20, b.WaitlistRank);
    }
}
