using System.Security.Cryptography;
using System.Text.Json;
using Community.Identity.Connect;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Community.Identity.Partners;

/// <summary>
/// A partner organisation's system signs in as an OAuth client (client credentials) acting with the
/// <c>partner</c> role and its organisation's id. Its secret is shown once, kept only hashed, and can be rotated.
/// </summary>
public static class PartnerClientsApi
{
    public const int NameLength = 100;

    public static IEndpointRouteBuilder MapPartnerClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/partner-clients").WithTags("Partner clients").RequireAuthorization(Policies.Staff);
        clients.MapPost("", CreateAsync).WithName("CreatePartnerClient")
            .WithSummary("Registers a partner organisation's system; the secret is in this answer only.");
        clients.MapGet("", ListAsync).WithName("ListPartnerClients").WithSummary("The partner clients, without secrets.");
        clients.MapPost("/{clientId}/rotate-secret", RotateAsync).WithName("RotatePartnerClientSecret")
            .WithSummary("A new secret, in this answer only; the old one stops working at once.");
        return app;
    }

    private static async Task<Results<Created<PartnerClientSecretDto>, ValidationProblem>> CreateAsync(
        PartnerClientRequest request, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("name", request.Name, NameLength);
        if (request.OrganisationId is null || request.OrganisationId == Guid.Empty)
        {
            errors.Add("organisationId", "is required.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var clientId = $"partner-{Guid.CreateVersion7():N}";
        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.Name!.Trim(),
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + AccountPrincipal.ApiScope,
            },
        };
        descriptor.Properties[ClientProperties.Roles] = JsonSerializer.SerializeToElement(new[] { Roles.Partner });
        descriptor.Properties[ClientProperties.Organisation] = JsonSerializer.SerializeToElement(request.OrganisationId!.Value.ToString());
        await applications.CreateAsync(descriptor, cancellationToken);
        return TypedResults.Created($"/partner-clients/{clientId}",
            new PartnerClientSecretDto(clientId, descriptor.DisplayName, request.OrganisationId.Value, secret));
    }

    private static async Task<Ok<IReadOnlyList<PartnerClientDto>>> ListAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var list = new List<PartnerClientDto>();
        await foreach (var application in applications.ListAsync(cancellationToken: cancellationToken))
        {
            var properties = await applications.GetPropertiesAsync(application, cancellationToken);
            if (properties.TryGetValue(ClientProperties.Organisation, out var organisation) && Guid.TryParse(organisation.GetString(), out var organisationId))
            {
                list.Add(new PartnerClientDto((await applications.GetClientIdAsync(application, cancellationToken))!,
                    await applications.GetDisplayNameAsync(application, cancellationToken) ?? "", organisationId));
            }
        }

        return TypedResults.Ok<IReadOnlyList<PartnerClientDto>>(list.OrderBy(c => c.Name, StringComparer.Ordinal).ToList());
    }

    private static async Task<Results<Ok<PartnerClientSecretDto>, NotFound<ProblemDetails>>> RotateAsync(
        string clientId, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        var properties = application is null ? null : await applications.GetPropertiesAsync(application, cancellationToken);
        if (application is null || properties is null || !properties.TryGetValue(ClientProperties.Organisation, out var organisation))
        {
            return TypedResults.NotFound(Problems.NotFound("No such partner client.", $"There is no partner client '{clientId}'."));
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var secret = NewSecret();
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return TypedResults.Ok(new PartnerClientSecretDto(clientId, descriptor.DisplayName ?? "", Guid.Parse(organisation.GetString()!), secret));
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record PartnerClientRequest(string? Name, Guid? OrganisationId);

public sealed record PartnerClientDto(string ClientId, string Name, Guid OrganisationId);

/// <summary>The client and its secret: shown once, never again.</summary>
public sealed record PartnerClientSecretDto(string ClientId, string Name, Guid OrganisationId, string ClientSecret);
