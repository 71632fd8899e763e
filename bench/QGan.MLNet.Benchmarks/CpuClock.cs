using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QGan.MLNet.Benchmarks;

/// <summary>
/// CPU time of this process or of the calling thread (getrusage on Linux; the process's total processor time
/// elsewhere) and the load average: the probes measure in CPU time because the shared machine's wall clock mostly
/// measures the other tenants.
/// </summary>
internal static class CpuClock
{
    private const int Self = 0, CallingThread = 1; // RUSAGE_SELF, RUSAGE_THREAD

    public static double ProcessMilliseconds() => Milliseconds(Self);

    /// <summary>CPU time of the calling thread (the process's elsewhere than on Linux).</summary>
    public static double ThreadMilliseconds() => Milliseconds(CallingThread);

    public static string LoadAverage() => OperatingSystem.IsLinux() ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static double Milliseconds(int who)
    {
        if (OperatingSystem.IsLinux() && getrusage(who, out var usage) == 0)
        {
            return (usage.UserSeconds + usage.SystemSeconds) * 1e3 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1e3;
        }
        return Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);
}
