using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// The config constants behind the analytic inference costs of RQ5: the classical generator's noise input (for its
/// multiply-adds) and, for the quantum generator on hardware, the measurement bases per sample and the shots per circuit.
/// </summary>
/// <param name="NoiseDimension">Input width of the classical generator (<c>training.noiseDimension</c>, else the classical default).</param>
/// <param name="MeasurementBases">Circuits executed per sample: one per measured basis (readout z: 1, zx: 2, xyz: 3).</param>
/// <param name="ShotsPerCircuit">Shots of each circuit execution.</param>
/// <param name="ShotsSource">Where <see cref="ShotsPerCircuit"/> comes from (for the report).</param>
public sealed record CostConstants(int NoiseDimension, int? MeasurementBases, long ShotsPerCircuit, string ShotsSource)
{
    /// <summary><c>qgan hardware-sim</c>'s default shots per circuit, used when the config names none.</summary>
    public const long DefaultShots = 4000;

    public static CostConstants From(SweepConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int? bases = config.Generators.Quantum?.Readout switch
        {
            "z" => 1,
            "zx" => 2,
            "xyz" => 3,
            _ => null,
        };
        // The classical generators' noise width: the sweep's setting, else the classical default (GanDefaults).
        int noise = config.Training.NoiseDimension ?? GanDefaults.For(GeneratorKind.Classical).NoiseDimension;
        return new CostConstants(noise, bases, DefaultShots, "qgan hardware-sim's default shots per circuit");
    }

    /// <summary>
    /// Multiply-adds of one forward pass of the classical MLP generator (noise → depth x width → latent), from its
    /// parameter count: P = (z+1)w + (d-1)(w+1)w + (w+1)D gives the output width D, and the multiply-adds are
    /// z w + (d-1) w² + w D. Null when the parameters do not fit that architecture.
    /// </summary>
    public long? ClassicalMultiplyAdds(long parameters, int width, int depth)
    {
        long z = NoiseDimension, w = width, d = depth;
        long hidden = (z + 1) * w + (d - 1) * (w + 1) * w;
        long rest = parameters - hidden;
        if (rest <= 0 || rest % (w + 1) != 0)
        {
            return null;
        }
        long output = rest / (w + 1);
        return z * w + (d - 1) * w * w + w * output;
    }
}
