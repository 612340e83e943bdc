using System.Diagnostics;
using System.Globalization;
using Community.AppHost.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Community.AppHost.Operations;

/// <summary>
/// The dashboard's actions on the infrastructure in local mode: a backup of every database to
/// <c>.data/backups/</c> (pg_dump, the restore command shown), and the way into RabbitMQ's management UI.
/// </summary>
public static class InfrastructureCommands
{
    public const string Backup = "backup-databases";
    public const string OpenManagement = "open-management-ui";

    public static IResourceBuilder<LocalPostgresServerResource> WithBackupCommand(
        this IResourceBuilder<LocalPostgresServerResource> server, string binDirectory, string dataDirectory, int port) =>
        server.WithCommand(Backup, "Back up the databases", async context =>
        {
            try
            {
                var connectionString = await server.Resource.ConnectionStringFor("postgres").GetValueAsync(context.CancellationToken);
                var backup = await PostgresBackup.RunAsync(connectionString!, binDirectory, Path.Combine(dataDirectory, "backups"), context.Logger, context.CancellationToken);
                var passwordFile = Path.Combine(dataDirectory, "secrets", "postgres-password");
                var restore = string.Join("\n", backup.Files.Select(f =>
                    $"PGPASSWORD=$(cat {passwordFile}) {Path.Combine(binDirectory, "pg_restore")} -h 127.0.0.1 -p {port} -U postgres --clean --if-exists --create -d postgres {f}"));
                context.Logger.LogInformation("Backed up {Count} database(s) to {Folder}. To restore one (it replaces the database of that name):\n{Restore}",
                    backup.Files.Count, backup.Folder, restore);
                return CommandResults.Success($"Backed up {backup.Files.Count} database(s) to {backup.Folder}.",
                    $"""
                    ## Backed up to `{backup.Folder}`

                    {string.Join("\n", backup.Files.Select(f => $"- `{Path.GetFileName(f)}`"))}

                    To restore one, stop the service that owns it, then (this replaces the database of that name):

                    ```
                    {restore}
                    ```

                    To look at a backup without touching the live database, restore it under another name:
                    `export PGPASSWORD=$(cat {passwordFile}); {Path.Combine(binDirectory, "createdb")} -h 127.0.0.1 -p {port} -U postgres check_copy && {Path.Combine(binDirectory, "pg_restore")} -h 127.0.0.1 -p {port} -U postgres -d check_copy FILE`
                    (then compare counts and `{Path.Combine(binDirectory, "dropdb")} -h 127.0.0.1 -p {port} -U postgres check_copy`).
                    """, CommandResultFormat.Markdown, displayImmediately: true);
            }
            catch (Exception ex) when (!context.CancellationToken.IsCancellationRequested)
            {
                context.Logger.LogError(ex, "The backup failed.");
                return CommandResults.Failure($"The backup failed: {ex.Message}");
            }
        }, new CommandOptions
        {
            Description = "pg_dump of every database (custom format) into .data/backups/<time>/, with the restore command.",
            IconName = "Save",
            UpdateState = context => context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });

    public static IResourceBuilder<LocalRabbitMqServerResource> WithManagementCommand(
        this IResourceBuilder<LocalRabbitMqServerResource> broker, string dataDirectory) =>
        broker.WithCommand(OpenManagement, "Open the management UI", context =>
        {
            var url = broker.GetEndpoint(LocalRabbitMqServerResource.ManagementEndpointName).Url;
            var passwordFile = Path.Combine(dataDirectory, "secrets", "rabbitmq-password");
            context.Logger.LogInformation("RabbitMQ management UI: {Url} (user {User}, password in {PasswordFile}).", url, broker.Resource.User, passwordFile);
            return Task.FromResult(CommandResults.Success($"RabbitMQ management UI: {url}",
                $"""
                ## [Open the RabbitMQ management UI]({url})

                Sign in as `{broker.Resource.User}`; the password is in `{passwordFile}`. Queues named `<service>-<consumer>_error`
                hold messages a consumer failed on after every retry: see docs/operations.md before moving them.
                """, CommandResultFormat.Markdown, displayImmediately: true));
        }, new CommandOptions
        {
            Description = "The link to RabbitMQ's management UI, with the user and where its password is kept.",
            IconName = "Open",
        });
}

/// <summary>pg_dump of every database on a server, one custom-format file each, into a new timestamped folder.</summary>
public static class PostgresBackup
{
    public sealed record Result(string Folder, IReadOnlyList<string> Files);

    public static async Task<Result> RunAsync(string connectionString, string binDirectory, string backupsDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var databases = await DatabasesAsync(connectionString, cancellationToken);
        var folder = Path.Combine(backupsDirectory, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);

        var files = new List<string>();
        foreach (var database in databases)
        {
            var file = Path.Combine(folder, $"{database}.dump");
            var start = new ProcessStartInfo(Path.Combine(binDirectory, "pg_dump"))
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, "-Fc", "-f", file, database })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PGPASSWORD"] = connection.Password;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_dump did not start.");
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pg_dump of {database} exited with {process.ExitCode}: {(await errors).Trim()}");
            }

            logger.LogInformation("Backed up {Database} to {File} ({Bytes} bytes).", database, file, new FileInfo(file).Length);
            files.Add(file);
        }

        return new Result(folder, files);
    }

    private static async Task<List<string>> DatabasesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY datname", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
