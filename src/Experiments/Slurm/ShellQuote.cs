namespace QGan.MLNet.Experiments.Slurm;

/// <summary>POSIX shell quoting for paths and arguments written into batch scripts.</summary>
public static class ShellQuote
{
    private const string Safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=./:,@%";

    /// <summary>The word unchanged when it needs no quoting, otherwise single-quoted ('it'\''s').</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => Safe.Contains(c)))
        {
            return word;
        }
        return "'" + word.Replace("'", "'\\''") + "'";
    }

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
