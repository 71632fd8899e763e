namespace QGan.MLNet.Cli.Tests;

public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_reports_a_working_torch_with_the_expected_gradient()
    {
        var result = QganProcess.Run("doctor");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("[2, 4, 6]", result.StdOut);
    }

    [Fact]
    public void Unknown_command_fails_with_non_zero_exit()
    {
        var result = QganProcess.Run("no-such-command");

        Assert.NotEqual(0, result.ExitCode);
    }
}
