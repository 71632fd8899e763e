using System.Diagnostics;
using QGan.MLNet.Transforms.IO;
using QGan.MLNet.Transforms.Tests.Data;

namespace QGan.MLNet.Transforms.Tests.IO;

/// <summary>
/// A writer killed during an atomic write leaves its hidden temporary behind; the next write of the same target
/// removes it when its process is gone, and leaves those of running processes (writes in progress) alone.
/// </summary>
public sealed class StaleTemporariesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_next_write_of_a_file_removes_the_temporaries_of_dead_writers_only()
    {
        int dead = DeadProcessId();
        using var running = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            var stale = Temporary("metrics.csv", dead);
            var inProgress = Temporary("metrics.csv", running.Id);
            var ours = Temporary("metrics.csv", Environment.ProcessId);
            var otherTarget = Temporary("result.json", dead);
            var notATemporary = _dir.File(".metrics.csv.notes.tmp");
            foreach (var path in new[] { stale, inProgress, ours, otherTarget, notATemporary })
            {
                File.WriteAllBytes(path, new byte[1024]);
            }

            AtomicFile.WriteAllText(_dir.File("metrics.csv"), "iteration\n");

            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(inProgress));
            Assert.True(File.Exists(ours));
            Assert.True(File.Exists(otherTarget)); // cleaned when result.json is written next
            Assert.True(File.Exists(notATemporary));
            Assert.Equal("iteration\n", File.ReadAllText(_dir.File("metrics.csv")));

            running.Kill();
            running.WaitForExit();
            AtomicFile.WriteAllText(_dir.File("metrics.csv"), "iteration\n1\n");
            Assert.False(File.Exists(inProgress));
            Assert.True(File.Exists(ours));
        }
        finally
        {
            if (!running.HasExited)
            {
                running.Kill();
            }
        }
    }

    [Fact]
    public void The_next_creation_of_a_folder_removes_the_temporary_folder_of_a_dead_writer()
    {
        var stale = Temporary("export", DeadProcessId());
        Directory.CreateDirectory(Path.Combine(stale, "train"));
        File.WriteAllBytes(Path.Combine(stale, "train", "0.png"), new byte[512]);

        AtomicDirectory.Create(_dir.File("export"), overwrite: false, tmp => File.WriteAllText(Path.Combine(tmp, "a.txt"), "a"));

        Assert.False(Directory.Exists(stale));
        Assert.Equal([_dir.File("export")], Directory.GetDirectories(_dir.Path));
    }

    private string Temporary(string target, int pid) => _dir.File($".{target}.{pid}.{Guid.NewGuid():N}.tmp");

    /// <summary>The id of a process that has just exited (ids are not reused that quickly).</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }
}
