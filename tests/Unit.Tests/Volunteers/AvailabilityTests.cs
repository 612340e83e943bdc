using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Registry;

namespace Community.Unit.Tests.Volunteers;

public sealed class AvailabilityTests
{
    private static (List<AvailabilitySlot> Slots, IDictionary<string, string[]> Errors) Parse(params AvailabilitySlotDto[] slots)
    {
        var errors = new FieldErrors();
        var parsed = Availability.Parse(slots, "slots", errors);
        return (parsed, errors.ToDictionary());
    }

    [Fact]
    public void A_weekly_slot_is_read_as_a_local_day_and_times()
    {
        var (slots, errors) = Parse(new AvailabilitySlotDto("Saturday", "09:00", "12:00"));

        Assert.Empty(errors);
        var slot = Assert.Single(slots);
        Assert.Equal(DayOfWeek.Saturday, slot.Day);
        Assert.Equal(new TimeOnly(9, 0), slot.Starts);
        Assert.Equal(new TimeOnly(12, 0), slot.Ends);
    }

    [Theory]
    [InlineData("12:00", "09:00")]
    [InlineData("09:00", "09:00")]
    public void A_slot_ending_before_or_when_it_starts_is_refused(string from, string to)
    {
        var (slots, errors) = Parse(new AvailabilitySlotDto("monday", from, to));

        Assert.Empty(slots);
        Assert.Equal(["must be after the slot's start."], errors["slots[0].to"]);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("someday")]
    [InlineData(null)]
    public void The_day_must_be_named(string? day)
    {
        var (slots, errors) = Parse(new AvailabilitySlotDto(day, "09:00", "12:00"));

        Assert.Empty(slots);
        Assert.Equal(["slots[0].day"], errors.Keys);
    }

    [Fact]
    public void Times_must_be_written_like_09_00_and_each_bad_slot_is_named_by_its_index()
    {
        var (slots, errors) = Parse(
            new AvailabilitySlotDto("tuesday", "14:00", "16:00"),
            new AvailabilitySlotDto("wednesday", "noon", "4pm"));

        Assert.Equal(DayOfWeek.Tuesday, Assert.Single(slots).Day);
        Assert.Equal(["slots[1].from", "slots[1].to"], errors.Keys.Order());
    }

    [Fact]
    public void More_than_twenty_one_slots_are_refused_as_a_whole()
    {
        var many = Enumerable.Range(0, Availability.MaxSlots + 1).Select(_ => new AvailabilitySlotDto("sunday", "09:00", "10:00")).ToArray();

        var (slots, errors) = Parse(many);

        Assert.Empty(slots);
        Assert.Equal(["slots"], errors.Keys);
    }

    [Fact]
    public void No_slots_is_no_availability_and_no_error()
    {
        var errors = new FieldErrors();

        Assert.Empty(Availability.Parse(null, "availability", errors));
        Assert.False(errors.Any);
    }

    [Fact]
    public void A_slot_is_written_back_as_it_is_sent()
    {
        var slot = new AvailabilitySlot { Day = DayOfWeek.Friday, Starts = new TimeOnly(18, 30), Ends = new TimeOnly(20, 0) };

        Assert.Equal(new AvailabilitySlotDto("friday", "18:30", "20:00"), Availability.ToDto(slot));
    }
}
