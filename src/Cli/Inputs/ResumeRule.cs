namespace QGan.MLNet.Cli.Inputs;

/// <summary>
/// The one <c>--resume</c> rule of <c>qgan train</c>, <c>train-ae</c> and <c>train-features</c>, all of which keep a
/// checkpoint in <c>--out</c>:
/// <list type="bullet">
/// <item><c>--resume</c> and a checkpoint: continue from it (the trainer checks that configuration and data match);</item>
/// <item><c>--resume</c> and no checkpoint (e.g. killed before the first one was written): start a new run, and say so;</item>
/// <item>no <c>--resume</c> and a checkpoint: refused (exit 2), so an existing run is never overwritten by accident;</item>
/// <item>neither: a new run.</item>
/// </list>
/// </summary>
internal static class ResumeRule
{
    /// <summary>Applies the rule before anything is written; true when training continues from the checkpoint.</summary>
    public static bool Decide(bool resume, string checkpointPath)
    {
        var exists = File.Exists(checkpointPath);
        if (resume && !exists)
        {
            Console.WriteLine($"--resume: no checkpoint at {checkpointPath} yet (nothing to continue); starting a new run");
            return false;
        }
        if (!resume && exists)
        {
            throw new ArgumentException(
                $"{Path.GetDirectoryName(checkpointPath)} already holds a training run ({checkpointPath}); pass --resume to continue it or choose another --out");
        }
        return resume;
    }
}
