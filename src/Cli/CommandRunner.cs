namespace QGan.MLNet.Cli;

/// <summary>
/// Runs a command body and turns every failure into one clear line on stderr and a non-zero exit code,
/// so scripts can rely on the exit status and users see which file or field was wrong.
/// </summary>
public static class CommandRunner
{
    /// <summary>Exit code for bad input (files, flags, values).</summary>
    public const int InputError = 2;

    /// <summary>Exit code for an internal failure.</summary>
    public const int InternalError = 1;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsInputError(ex))
        {
            WriteError(ex);
            return InputError;
        }
        catch (Exception ex)
        {
            WriteError(ex);
            return InternalError;
        }
    }

    private static bool IsInputError(Exception ex) => ex is InvalidDataException or FormatException
        or ArgumentException or FileNotFoundException or DirectoryNotFoundException
        or System.Text.Json.JsonException or NotSupportedException;

    private static void WriteError(Exception ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        if (Environment.GetEnvironmentVariable("QGAN_DEBUG") == "1")
        {
            Console.Error.WriteLine(ex);
        }
    }
}
