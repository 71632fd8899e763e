namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>
/// The one source of the WGAN-GP defaults. The shared values are the initializers of <see cref="GanTrainingOptions"/>
/// (Gulrajani et al. 2017: gradient-penalty weight 10, 5 critic steps, Adam betas (0.5, 0.9); gradient norms clipped
/// at 10; 64-64 MLPs); <see cref="For"/> gives them per generator kind with the learning rates each kind was tuned to
/// (docs/gan-training.md, "Default learning rates": a grid over generator and critic rates, three seeds, 300
/// iterations on the synthetic data, lowest mean held-out FID): quantum generator 3e-2, its critic 1e-2; classical
/// generator 1e-3, its critic 1e-2. Everything that exposes a default starts from it: the ML.NET options
/// (<c>QuantumGanOptions</c>, <c>ClassicalGanOptions</c>), the <c>qgan train</c> flags and the sweep configuration
/// (an unset learning rate or <c>training</c> key takes the default of the run's generator kind).
/// </summary>
public static class GanDefaults
{
    /// <summary>Tuned Adam learning rates of the quantum generator and its critic.</summary>
    public const double QuantumGeneratorLearningRate = 3e-2, QuantumCriticLearningRate = 1e-2;

    /// <summary>Tuned Adam learning rates of the classical generator and its critic.</summary>
    public const double ClassicalGeneratorLearningRate = 1e-3, ClassicalCriticLearningRate = 1e-2;

    /// <summary>Every option at its default for a generator of kind <paramref name="kind"/>.</summary>
    public static GanTrainingOptions For(GeneratorKind kind) => kind switch
    {
        GeneratorKind.Quantum => new GanTrainingOptions
        {
            Generator = GeneratorKind.Quantum,
            GeneratorLearningRate = QuantumGeneratorLearningRate,
            CriticLearningRate = QuantumCriticLearningRate,
        },
        GeneratorKind.Classical => new GanTrainingOptions
        {
            Generator = GeneratorKind.Classical,
            GeneratorLearningRate = ClassicalGeneratorLearningRate,
            CriticLearningRate = ClassicalCriticLearningRate,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown generator kind"),
    };

    /// <summary>The default of one option for both kinds, for help texts: <c>"1e-4"</c>, or <c>"quantum 1e-3, classical 1e-4"</c> when they differ.</summary>
    public static string Describe<T>(Func<GanTrainingOptions, T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var quantum = Format(option(For(GeneratorKind.Quantum)));
        var classical = Format(option(For(GeneratorKind.Classical)));
        return quantum == classical ? quantum : $"quantum {quantum}, classical {classical}";
    }

    private static string Format<T>(T value) => value switch
    {
        double d when double.IsPositiveInfinity(d) => "none",
        double d => d.ToString("G", System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<int> list => string.Join(",", list),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
