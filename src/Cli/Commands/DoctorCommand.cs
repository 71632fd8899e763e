using System.CommandLine;
using QGan.MLNet.Trainers.Runtime;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan doctor</c>: proves the native runtime works (libtorch loads, autograd runs).</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check the native runtime: load libtorch, build a tensor and run backward.");
        command.SetAction(_ => CommandRunner.Run(() =>
        {
            var result = TorchSmokeTest.Run();
            Console.WriteLine($"torch ok: libtorch {result.LibTorchVersion}, d(sum(x^2))/dx at x=[1,2,3] = [{string.Join(", ", result.Gradient)}]");
            return 0;
        }));
        return command;
    }
}
