using System.Diagnostics;
using System.Text;

namespace Community.Testing;

/// <summary>A server started from one of the scripts in scripts/local, with its output kept for failure messages.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServerProcess Start(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The script stops its server by itself if this test process goes away without stopping it.
        info.Environment["STOP_WHEN_GONE"] = Environment.ProcessId.ToString();
        info.ArgumentList.Add(Path.Combine(Repository.Scripts, script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {script}.");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Asks the script to stop its server (SIGTERM: it shuts the server down cleanly) and waits.</summary>
    public void Stop(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        Process.Start("kill", ["-TERM", _process.Id.ToString()])?.WaitForExit();
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>SIGKILL to the script and every process under it (the server and its workers): a crash, not a shutdown.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(30));
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
