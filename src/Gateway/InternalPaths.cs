namespace Community.Gateway;

/// <summary>
/// Paths the services answer that are not for the public: <c>/ops</c> (operations actions the dashboard's resource
/// commands call with the operations key). The gateway answers 404 for them, as for any path it does not serve, so
/// they are reachable only from the machine the services run on.
/// </summary>
public static class InternalPaths
{
    public static WebApplication UseInternalPathsClosed(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Every request passes here: split the path only when it could be one (most are not).
            var path = context.Request.Path.Value;
            var segments = path is not null && path.Contains("/ops", StringComparison.OrdinalIgnoreCase)
                ? path.Split('/', StringSplitOptions.RemoveEmptyEntries)
                : [];
            if (segments.Length >= 3 && segments[0].Equals("api", StringComparison.OrdinalIgnoreCase) &&
                segments[2].Equals("ops", StringComparison.OrdinalIgnoreCase))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: "There is nothing at this address.").ExecuteAsync(context);
                return;
            }

            await next();
        });
        return app;
    }
}
