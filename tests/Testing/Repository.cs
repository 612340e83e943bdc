using System.Net;
using System.Net.Sockets;

namespace Community.Testing;

public static class Repository
{
    /// <summary>The folder holding Community.sln, found from the test binaries upwards.</summary>
    public static string Root { get; } = FindRoot();

    public static string Scripts => Path.Combine(Root, "scripts", "local");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Community.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Community.sln not found above " + AppContext.BaseDirectory);
    }
}

public static class FreePorts
{
    /// <summary>
    /// A port nobody listens on right now, for a server a test starts. Taken below Linux's ephemeral range (32768 and
    /// up): a port the OS handed out could be handed out again, to any outgoing connection, while a test has its
    /// server stopped — the broker-outage test then could not start RabbitMQ again on its own port.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No free port between 20000 and 32000.");
    }
}

/// <summary>Waits for something eventually true (an event consumed in another service), failing with a reason.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var value = await probe();
                if (value is not null && !value.Equals(default(T)))
                {
                    return value;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.", last);
    }

    public static Task True(Func<Task<bool>> probe, TimeSpan timeout, string what) =>
        Get(async () => await probe() ? (object)true : null, timeout, what);
}
