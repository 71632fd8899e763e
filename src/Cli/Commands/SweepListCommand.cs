using System.CommandLine;
using System.Globalization;
using QGan.MLNet.Experiments.Config;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan sweep list</c>: the expanded grid as CSV (index, capacities, seed, learning rates, autoencoder), e.g. to size a Slurm array.</summary>
public static class SweepListCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Sweep config.", Required = true };
        var command = new Command("list", "Validate a sweep config and print its expanded grid (index,generator,layers,generator_width,critic_width,seed,generator_learning_rate,critic_learning_rate,autoencoder).");
        command.Options.Add(config);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var sweep = SweepConfigParser.Load(parse.GetValue(config)!);
            Console.WriteLine("index,generator,layers,generator_width,critic_width,seed,generator_learning_rate,critic_learning_rate,autoencoder");
            foreach (var run in sweep.Runs())
            {
                var g = run.Generator;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run.Index},{g.KindName},{g.Layers},{g.Width},{run.CriticWidth},{run.Seed},{run.GeneratorLearningRate:R},{run.CriticLearningRate:R},{run.Autoencoder}"));
            }
            return 0;
        }));
        return command;
    }
}
