using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Config;

/// <summary>The learning rates a sweep uses for a generator kind when its config gives none.</summary>
public static class SweepLearningRates
{
    /// <summary>The training defaults of the kind (<see cref="GanDefaults"/>; docs/gan-training.md, "Default learning rates").</summary>
    public static (double Generator, double Critic) Default(GeneratorKind kind)
    {
        var d = GanDefaults.For(kind);
        return (d.GeneratorLearningRate, d.CriticLearningRate);
    }
}
