using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using Community.Testing;
using Community.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Volunteers.Tests;

/// <summary>Story 4's rules: Young Pioneers volunteer with a guardian's consent, and never without adults around.</summary>
public sealed class MinorsTests(ServiceFixture<VolunteersDbContext> fixture) : IClassFixture<ServiceFixture<VolunteersDbContext>>
{
    private static readonly DateOnly ChildBirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-10);

    private HttpClient Staff => fixture.Host.ClientAs(Roles.StationStaff);

    private readonly VolunteersScenario _scenario = new(fixture.Host);

    private HttpClient As(Guid person, string role = Roles.Volunteer) => _scenario.As(person, role);

    private Task<Guid> AdultAsync(string name = "家长", bool supervisor = true) => _scenario.AdultAsync(name, "full-time-mother", supervisor: supervisor);

    private async Task<HttpResponseMessage> RegisterChildAsync(HttpClient client, Guid? guardianId, string? scope = "绿水清波小纵队河道清洁")
        => await client.PostAsJsonAsync("/volunteers", new
        {
            displayName = "小明", kind = "young-pioneer", birthDate = ChildBirthDate, guardianId, consentScope = scope,
        });

    private async Task<Guid> ChildAsync(Guid guardianId)
    {
        var response = await RegisterChildAsync(As(guardianId), guardianId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VolunteerDto>())!.Id;
    }

    [Fact]
    public async Task A_child_is_registered_only_with_a_guardians_recorded_consent_and_never_announced()
    {
        var guardian = await AdultAsync();

        var noGuardian = await RegisterChildAsync(Staff, null);
        var noScope = await RegisterChildAsync(Staff, guardian, scope: null);
        var strangerRecords = await RegisterChildAsync(As(Guid.NewGuid()), guardian);
        var byGuardian = await RegisterChildAsync(As(guardian), guardian);

        Assert.Equal(HttpStatusCode.Conflict, noGuardian.StatusCode);
        Assert.Equal(VolunteerProblems.ConsentMissing, (await noGuardian.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, noScope.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, strangerRecords.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byGuardian.StatusCode);
        var child = (await byGuardian.Content.ReadFromJsonAsync<VolunteerDto>())!;
        Assert.True(child.IsMinor);
        Assert.Null(child.Phone);
        Assert.Equal(guardian, child.GuardianId);
        var announced = await fixture.Host.WithScope(async services => (await services.GetRequiredService<VolunteersDbContext>().OutboxMessages
            .Select(m => m.Payload).ToListAsync()).Any(p => p.Contains(child.Id.ToString())));
        Assert.False(announced);
    }

    [Fact]
    public async Task The_guardian_sees_and_withdraws_consent_which_stops_the_childs_sign_ups()
    {
        var guardian = await AdultAsync();
        var child = await ChildAsync(guardian);
        var shift = await ShiftAsync(10);
        await SignUpAsync(shift, guardian);

        var consents = await As(guardian).GetFromJsonAsync<List<ConsentDto>>($"/volunteers/{child}/consents");
        var byStranger = await As(Guid.NewGuid()).GetAsync($"/volunteers/{child}/consents");
        var byResident = await fixture.Host.ClientAs(Roles.Resident).GetAsync($"/volunteers/{child}");
        var consent = Assert.Single(consents!);
        Assert.Equal("绿水清波小纵队河道清洁", consent.Scope);
        Assert.Equal(HttpStatusCode.Forbidden, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byResident.StatusCode);

        var withdrawn = await As(guardian).PostAsync($"/consents/{consent.Id}/withdraw", null);
        var signUp = await SignUpAsync(shift, child);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, signUp.StatusCode);
        Assert.Equal(VolunteerProblems.ConsentMissing, (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_sign_up_racing_the_guardians_withdrawal_does_not_put_the_child_on_the_shift()
    {
        var guardian = await AdultAsync();
        var child = await ChildAsync(guardian);
        var shift = await ShiftAsync(10);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, guardian)).StatusCode);
        var consent = Assert.Single((await As(guardian).GetFromJsonAsync<List<ConsentDto>>($"/volunteers/{child}/consents"))!);

        // The sign-up reads the consent in force, then waits for the shift's row, held here; meanwhile the guardian
        // withdraws (the child is on no shift yet, so the withdrawal needs no shift's row and commits at once).
        var signUp = await HeldRows.WhileWaitingAsync<VolunteersDbContext, HttpResponseMessage>(fixture.Host.Services,
            $"SELECT 1 FROM shifts WHERE id = {shift} FOR UPDATE", () => SignUpAsync(shift, child), "%FROM shifts WHERE id = $1 FOR UPDATE%",
            async _ => Assert.Equal(HttpStatusCode.OK, (await As(guardian).PostAsync($"/consents/{consent.Id}/withdraw", null)).StatusCode));

        // Before, the sign-up went on with the consent it had read: the child was booked with no consent in force.
        Assert.Equal(HttpStatusCode.Conflict, signUp.StatusCode);
        Assert.Equal(VolunteerProblems.ConsentMissing, (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.False(await fixture.Host.WithScope(s => s.GetRequiredService<VolunteersDbContext>().Assignments.AnyAsync(a => a.ShiftId == shift && a.VolunteerId == child)));
    }

    [Fact]
    public async Task Withdrawn_consent_takes_the_child_off_coming_shifts_tells_their_supervisors_and_may_be_given_again()
    {
        var guardian = await AdultAsync();
        var child = await ChildAsync(guardian);
        var leader = await AdultAsync("带队老师");
        var shift = await ShiftAsync(10);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, leader)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, child)).StatusCode);
        var consent = Assert.Single((await As(guardian).GetFromJsonAsync<List<ConsentDto>>($"/volunteers/{child}/consents"))!);

        Assert.Equal(HttpStatusCode.OK, (await As(guardian).PostAsync($"/consents/{consent.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await As(guardian).PostAsync($"/consents/{consent.Id}/withdraw", null)).StatusCode);

        // Off the shift, its count down, once: with the ordinary withdrawal event and one event for the supervisors.
        var (onShift, assigned, outbox) = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<VolunteersDbContext>();
            return (await db.Assignments.Where(a => a.ShiftId == shift && a.WithdrawnAt == null).Select(a => a.VolunteerId).ToListAsync(),
                await db.Shifts.Where(s => s.Id == shift).Select(s => s.Assigned).SingleAsync(),
                await db.OutboxMessages.Select(m => new { m.MessageType, m.Payload }).ToListAsync());
        });
        Assert.Equal([leader], onShift);
        Assert.Equal(1, assigned);
        Assert.Single(outbox, m => m.MessageType.Contains(nameof(VolunteerWithdrawn)) && m.Payload.Contains(child.ToString()));
        var told = Assert.Single(outbox, m => m.MessageType.Contains(nameof(GuardianConsentWithdrawn)) && m.Payload.Contains(consent.Id.ToString()));
        var announced = JsonSerializer.Deserialize<GuardianConsentWithdrawn>(told.Payload, JsonSerializerOptions.Web)!;
        Assert.Equal([leader], Assert.Single(announced.Shifts).SupervisorVolunteerIds);
        Assert.DoesNotContain("小明", told.Payload);

        // Given again by the guardian (not by a stranger), the child may sign up again.
        Assert.Equal(HttpStatusCode.Forbidden, (await As(Guid.NewGuid()).PostAsJsonAsync($"/volunteers/{child}/consents", new { scope = "河道清洁" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await As(guardian).PostAsJsonAsync($"/volunteers/{child}/consents", new { scope = "" })).StatusCode);
        var given = await As(guardian).PostAsJsonAsync($"/volunteers/{child}/consents", new { scope = "河道清洁，由带队老师陪同" });
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        Assert.Null((await given.Content.ReadFromJsonAsync<ConsentDto>())!.WithdrawnAt);
        Assert.Equal(HttpStatusCode.OK, (await As(guardian).PostAsJsonAsync($"/volunteers/{child}/consents", new { scope = "再说一次" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, child)).StatusCode);
    }

    [Fact]
    public async Task A_shift_takes_at_most_five_children_per_adult_supervisor()
    {
        var parent = await AdultAsync();
        var children = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            children.Add(await ChildAsync(parent));
        }

        var shift = await ShiftAsync(20);
        var alone = await SignUpAsync(shift, children[0]);
        Assert.Equal(HttpStatusCode.Conflict, alone.StatusCode);
        Assert.Equal(VolunteerProblems.RatioBroken, (await alone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        // An adult along for the day, not marked as a supervisor, does not count.
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, await AdultAsync("陪同的家长", supervisor: false))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SignUpAsync(shift, children[0])).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, parent)).StatusCode);
        foreach (var child in children.Take(5))
        {
            Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, child)).StatusCode);
        }

        var sixth = await SignUpAsync(shift, children[5]);
        Assert.Equal(HttpStatusCode.Conflict, sixth.StatusCode);
        Assert.Contains("5 children per adult", (await sixth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Nor can the children's only supervisor quietly lose the mark while they are on the coming shift.
        var unmark = await Staff.PutAsJsonAsync($"/volunteers/{parent}/supervision", new { supervises = false });
        Assert.Equal(HttpStatusCode.Conflict, unmark.StatusCode);
        Assert.True((await Staff.GetFromJsonAsync<VolunteerDto>($"/volunteers/{parent}"))!.SupervisesChildren);
    }

    [Fact]
    public async Task A_supervisor_who_joins_a_shift_with_a_child_while_losing_the_mark_keeps_it()
    {
        var parent = await AdultAsync();
        var child = await ChildAsync(parent);
        var shift = await ShiftAsync(10);

        // Staff take the parent's supervisor mark away just as the parent, and then the child counting on them, sign up.
        // The test holds the parent's row against a change of its fields (FOR NO KEY UPDATE), which a sign-up, only
        // referring to the row, does not wait for; the two sign-ups go through while the mark's change waits.
        var unmark = await HeldRows.WhileWaitingAsync<VolunteersDbContext, HttpResponseMessage>(fixture.Host.Services,
            $"SELECT 1 FROM volunteers WHERE id = {parent} FOR NO KEY UPDATE",
            () => Staff.PutAsJsonAsync($"/volunteers/{parent}/supervision", new { supervises = false }), "%volunteers%",
            async _ =>
            {
                Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, parent)).StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(shift, child)).StatusCode);
            });

        // Before, the change had listed the parent's shifts before the sign-ups, found none, and took the mark away:
        // the child was left on the shift with no supervisor.
        Assert.Equal(HttpStatusCode.Conflict, unmark.StatusCode);
        Assert.Equal(VolunteerProblems.RatioBroken, (await unmark.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.True((await Staff.GetFromJsonAsync<VolunteerDto>($"/volunteers/{parent}"))!.SupervisesChildren);
    }

    [Fact]
    public async Task Staff_mark_supervisors_and_only_an_adult_by_birth_date_can_be_one()
    {
        var noBirthDate = await Staff.PostAsJsonAsync("/volunteers", new { displayName = "赵老师", phone = $"138{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "party-member" });
        var teacher = (await noBirthDate.Content.ReadFromJsonAsync<VolunteerDto>())!.Id;

        Assert.Equal(HttpStatusCode.Forbidden, (await As(teacher).PutAsJsonAsync($"/volunteers/{teacher}/supervision", new { supervises = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PutAsJsonAsync($"/volunteers/{teacher}/supervision", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Staff.PutAsJsonAsync($"/volunteers/{Guid.NewGuid()}/supervision", new { supervises = true })).StatusCode);
        var unknownAge = await Staff.PutAsJsonAsync($"/volunteers/{teacher}/supervision", new { supervises = true });
        Assert.Equal(HttpStatusCode.Conflict, unknownAge.StatusCode);
        Assert.Equal(VolunteerProblems.NotASupervisorType, (await unknownAge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        var marked = await Staff.PutAsJsonAsync($"/volunteers/{teacher}/supervision", new { supervises = true, birthDate = new DateOnly(1982, 9, 1) });
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.True((await marked.Content.ReadFromJsonAsync<VolunteerDto>())!.SupervisesChildren);

        // A child cannot be marked; a child is a minor by birth date, whichever kind they were registered as.
        var guardian = await AdultAsync();
        var child = await ChildAsync(guardian);
        Assert.Equal(HttpStatusCode.Conflict, (await Staff.PutAsJsonAsync($"/volunteers/{child}/supervision", new { supervises = true })).StatusCode);
        Assert.True((await Staff.GetFromJsonAsync<VolunteerDto>($"/volunteers/{child}"))!.IsMinor);
        Assert.False((await Staff.GetFromJsonAsync<VolunteerDto>($"/volunteers/{guardian}"))!.IsMinor);
    }

    private async Task<HttpResponseMessage> SignUpAsync(Guid shiftId, Guid volunteerId) =>
        await Staff.PostAsJsonAsync($"/shifts/{shiftId}/signups", new { volunteerId });

    private async Task<Guid> ShiftAsync(int max)
    {
        var requestId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddDays(Random.Shared.Next(50, 500)).AddMinutes(Random.Shared.Next(0, 1000));
        await fixture.Host.Services.GetRequiredService<IBus>().Publish(new VolunteersRequested(
            requestId, "activities", Guid.NewGuid(), "河道清洁", "riverbank-cleanup", max, start, start.AddHours(2), Guid.NewGuid()));
        var shift = await Eventually.Get(async () =>
        {
            var page = await Staff.GetFromJsonAsync<Page<OpportunityDto>>("/opportunities?pageSize=100&skill=riverbank-cleanup");
            return page!.Items.FirstOrDefault(o => o.RequestId == requestId)?.Shifts.Single();
        }, TimeSpan.FromSeconds(30), "the riverbank shift");
        return shift.Id;
    }

    [Fact]
    public async Task A_guardians_data_export_leaves_out_a_ward_who_has_turned_eighteen()
    {
        var guardian = await AdultAsync();
        var (young, grown) = (await _scenario.ChildAsync(guardian, "小明"), await _scenario.ChildAsync(guardian, "小红"));
        // Registered as a child years ago, 19 today.
        var nineteen = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-19);
        await fixture.Host.WithScope(s => s.GetRequiredService<VolunteersDbContext>().Database
            .ExecuteSqlAsync($"UPDATE volunteers SET birth_date = {nineteen} WHERE id = {grown}"));

        var export = await As(guardian).GetFromJsonAsync<JsonElement>("/my-data");

        var records = export.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([guardian, young], records);
        Assert.DoesNotContain(export.GetProperty("shifts").EnumerateArray(), a => a.GetProperty("volunteerId").GetGuid() == grown);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(guardian).GetAsync($"/volunteers/{grown}")).StatusCode);
    }
}
