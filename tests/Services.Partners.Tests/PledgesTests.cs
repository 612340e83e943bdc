using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Contracts;
using Community.Services.Partners.Data;
using Community.Services.Partners.Pledges;
using Community.Services.Partners.PublicEvents;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Partners.Tests;

/// <summary>Needs partners pledge on, and the pledge's way from an offer to a confirmed donation that the platform hears of.</summary>
public sealed class PledgesTests(PartnersFixture fixture) : IClassFixture<PartnersFixture>
{
    private readonly PartnersScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task A_wheelchair_need_is_pledged_accepted_delivered_and_confirmed_once_and_the_platform_and_partners_hear_of_it()
    {
        var (organisation, partner, _) = await _scenario.PartnerAsync("康复器材公司");
        var (_, rival, _) = await _scenario.PartnerAsync("竞争对手");
        var staff = _scenario.Staff;
        var gridNeed = Guid.NewGuid();

        // Grid has no wheelchair left: a need on the board, told outward; a second copy of the event is the same need.
        await _scenario.Bus.Publish(new EquipmentNeeded(gridNeed, "wheelchair", 1, 1, DateTimeOffset.UtcNow));
        await _scenario.Bus.Publish(new EquipmentNeeded(gridNeed, "wheelchair", 1, 2, DateTimeOffset.UtcNow));
        var need = await Eventually.Get(async () => (await partner.GetFromJsonAsync<List<NeedDto>>("/needs", TestJson.Options))!
            .FirstOrDefault(n => n.Kind == "equipment" && n.Title == "轮椅车 ×1" && n.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-1) && n.Pledged == 0),
            TimeSpan.FromSeconds(30), "the wheelchair need on the board");
        await Eventually.True(async () => (await _scenario.FeedAsync(partner, $"?types={PublicEventCatalogue.EquipmentNeeded}&limit=500")).Events
            .Count(e => e.GetProperty("data").GetProperty("needId").GetGuid() == need.Id) == 2, TimeSpan.FromSeconds(30), "two equipment.needed events for the one need");
        Assert.Equal(1, await fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().Needs.CountAsync(n => n.SourceId == gridNeed)));

        // Bad pledges are refused with the field at fault.
        foreach (var bad in new object[] { new { what = "", quantity = 1 }, new { what = "轮椅", quantity = 0 }, new { what = "轮椅\0", quantity = 1 },
                     new { what = "轮椅", quantity = 1, deliverBy = "2001-01-01" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await partner.PostAsJsonAsync($"/needs/{need.Id}/pledges", bad)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostAsJsonAsync($"/needs/{Guid.NewGuid()}/pledges", new { what = "轮椅", quantity = 1 })).StatusCode);
        var offered = await partner.PostAsJsonAsync($"/needs/{need.Id}/pledges", new { what = "全新折叠轮椅车", quantity = 1, deliverBy = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)) });
        Assert.Equal(HttpStatusCode.Created, offered.StatusCode);
        var pledge = (await offered.Content.ReadFromJsonAsync<PledgeDto>(TestJson.Options))!;

        // Out of order, by the wrong people: refused.
        Assert.Equal(HttpStatusCode.Conflict, (await partner.PostAsync($"/pledges/{pledge.Id}/delivered", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsync($"/pledges/{pledge.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/pledges/{pledge.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rival.PostAsync($"/pledges/{pledge.Id}/delivered", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rival.PostAsync($"/pledges/{pledge.Id}/withdraw", null)).StatusCode);
        Assert.Empty((await rival.GetFromJsonAsync<List<PledgeDto>>("/pledges", TestJson.Options))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await rival.GetAsync($"/organisations/{organisation}/contributions")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.PostAsync($"/pledges/{pledge.Id}/delivered", null)).StatusCode);

        // Two staff members confirm the receipt at once: one wins, the donation counts once.
        var confirms = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _scenario.Staff.PostAsync($"/pledges/{pledge.Id}/confirm-receipt", null)));
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], confirms.Select(c => c.StatusCode).Order());
        var closed = (await staff.GetFromJsonAsync<NeedDto>($"/needs/{need.Id}", TestJson.Options))!;
        Assert.Equal((1, false), (closed.Received, closed.Open));

        // Grid hears of it (to lend the new wheelchair), partners see the thanks, the need takes no more pledges.
        var fulfilled = await fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(PledgeFulfilled))).Select(m => m.Payload).ToListAsync());
        var told = fulfilled.Select(f => JsonSerializer.Deserialize<PledgeFulfilled>(f, JsonSerializerOptions.Web)!).Single(f => f.PledgeId == pledge.Id);
        Assert.Equal((gridNeed, "wheelchair", 1, organisation), (told.SourceId, told.ItemKind, told.Quantity, told.OrganisationId));
        var thanks = await Eventually.Get(async () => (await _scenario.FeedAsync(partner, $"?types={PublicEventCatalogue.PledgeFulfilled}&limit=500")).Events
            .Cast<JsonElement?>().SingleOrDefault(e => e!.Value.GetProperty("data").GetProperty("pledgeId").GetGuid() == pledge.Id), TimeSpan.FromSeconds(30), "the thanks in the feed");
        Assert.Equal(need.Id, thanks!.Value.GetProperty("data").GetProperty("needId").GetGuid());
        var late = await rival.PostAsJsonAsync($"/needs/{need.Id}/pledges", new { what = "轮椅", quantity = 1 });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);

        // The partner's contributions, and a thank-you letter to print.
        var contributions = await partner.GetFromJsonAsync<ContributionsDto>($"/organisations/{organisation}/contributions", TestJson.Options);
        Assert.Equal((1, 1), (contributions!.Fulfilled, contributions.Items));
        var letter = await partner.GetAsync($"/organisations/{organisation}/thank-you");
        Assert.Equal("text/html", letter.Content.Headers.ContentType?.MediaType);
        Assert.Contains("全新折叠轮椅车 ×1", await letter.Content.ReadAsStringAsync());

        // Staff add a venue need; a partner cannot, and cannot add an equipment need by hand.
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/needs", new { kind = "venue", title = "暑期少儿活动场地", quantity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/needs", new { kind = "equipment", title = "轮椅", quantity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/needs", new { kind = "venue", title = "场地", quantity = 1 })).StatusCode);
    }

    [Fact]
    public async Task A_pledge_made_as_the_need_closes_is_refused()
    {
        var (_, partner, _) = await _scenario.PartnerAsync("街道文体中心");
        var created = await _scenario.Staff.PostAsJsonAsync("/needs", new { kind = "venue", title = "重阳节活动场地", quantity = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var need = (await created.Content.ReadFromJsonAsync<NeedDto>(TestJson.Options))!;

        // The test holds the need's row and closes it, as staff closing it would, while the pledge is being made.
        var pledged = await HeldRows.WhileWaitingAsync<PartnersDbContext, HttpResponseMessage>(fixture.Host.Services,
            $"SELECT 1 FROM needs WHERE id = {need.Id} FOR UPDATE",
            () => partner.PostAsJsonAsync($"/needs/{need.Id}/pledges", new { what = "多功能厅半天", quantity = 1 }),
            "%FROM \"needs\" WHERE \"id\" = $1 FOR SHARE%",
            db => db.Database.ExecuteSqlAsync($"UPDATE needs SET closed_at = now() WHERE id = {need.Id}"));

        // Before, the pledge read the need open without waiting and landed on a closed need.
        Assert.Equal(HttpStatusCode.Conflict, pledged.StatusCode);
        Assert.False(await fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().Pledges.AnyAsync(p => p.NeedId == need.Id)));
    }

    [Fact]
    public async Task A_staff_member_who_asks_for_erasure_is_no_longer_named_on_the_pledges_she_decided()
    {
        var (_, partner, _) = await _scenario.PartnerAsync("爱心企业");
        var staffAccount = Guid.NewGuid();
        var staff = _scenario.Staff;
        staff.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            DevTokens.Mint(ServiceHost<PartnersDbContext>.SigningKey, [Community.ServiceDefaults.Auth.Roles.StationStaff], subject: staffAccount.ToString(), name: "王芳"));
        var gridNeed = Guid.NewGuid();
        await _scenario.Bus.Publish(new EquipmentNeeded(gridNeed, "wheelchair", 1, 1, DateTimeOffset.UtcNow));
        var need = await Eventually.Get(() => fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().Needs.FirstOrDefaultAsync(n => n.SourceId == gridNeed)),
            TimeSpan.FromSeconds(30), "the need on the board");
        var pledge = (await (await partner.PostAsJsonAsync($"/needs/{need!.Id}/pledges", new { what = "助行器", quantity = 1 })).Content.ReadFromJsonAsync<PledgeDto>(TestJson.Options))!;
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/pledges/{pledge.Id}/accept", null)).StatusCode);
        Task<string?> DecidedByAsync() => fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().Pledges.Where(p => p.Id == pledge.Id).Select(p => p.DecidedBy).SingleAsync());
        Assert.Equal($"{staffAccount} (王芳)", await DecidedByAsync());

        // Before, Partners never heard of an erasure: her name stayed on every pledge she had decided.
        var request = Guid.NewGuid();
        await _scenario.Bus.Publish(new PersonErasureRequested(request, staffAccount, DateTimeOffset.UtcNow));
        await Eventually.True(async () => await DecidedByAsync() == staffAccount.ToString(), TimeSpan.FromSeconds(30), "her name gone from the pledge, her account id kept");
        var answered = await fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(PersonDataErased))).Select(m => m.Payload).ToListAsync());
        Assert.Contains(answered.Select(a => JsonSerializer.Deserialize<PersonDataErased>(a, JsonSerializerOptions.Web)!), a => a.RequestId == request && a.Service == "partners");
    }
}
