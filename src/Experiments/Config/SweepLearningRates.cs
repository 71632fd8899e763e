using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Config;

/// <summary>The learning rates a sweep uses for a generator kind when its config gives none.</summary>
public static class SweepLearningRates
{
    /// <summary>The training defaults of the kind (docs/gan-training.md, "Default learning rates").</summary>
    public static (double Generator, double Critic) Default(GeneratorKind kind)
    {
        var d = new GanTrainingOptions { Generator = kind };
        return (d.GeneratorLearningRate, d.CriticLearningRate);
    }
}
