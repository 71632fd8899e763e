using System.Diagnostics;

namespace QGan.MLNet.Cli.Sweep;

/// <summary>Ends a worker process when the sweep process that started it is gone (killed executors leave no orphan training).</summary>
internal static class ParentWatch
{
    public static void Start(int parentPid)
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(500);
                if (!IsAlive(parentPid))
                {
                    Environment.Exit(3);
                }
            }
        })
        { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
