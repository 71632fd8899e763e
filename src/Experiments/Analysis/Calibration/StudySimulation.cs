using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>A known scaling law ln C = A + B x with x = G (exponential) or ln G (power).</summary>
public sealed record SimulatedLaw(string Form, double A, double B)
{
    public double LogCapacity(double generatorParameters) => Form switch
    {
        LawComparison.Exponential => A + B * generatorParameters,
        LawComparison.Power => A + B * Math.Log(generatorParameters),
        _ => throw new ArgumentException($"law must be exponential or power, got '{Form}'"),
    };

    /// <summary>The law through ln C0 at G0 and ln C1 at G1.</summary>
    public static SimulatedLaw Through(string form, double g0, double c0, double g1, double c1)
    {
        double x0 = form == LawComparison.Power ? Math.Log(g0) : g0, x1 = form == LawComparison.Power ? Math.Log(g1) : g1;
        double b = (Math.Log(c1) - Math.Log(c0)) / (x1 - x0);
        return new SimulatedLaw(form, Math.Log(c0) - b * x0, b);
    }
}

/// <summary>
/// A capacity study simulated from known laws (docs/sweep.md, "Calibration"), producing the runs.csv rows a real sweep
/// of the same grid would: the analysis is then run on them unchanged and its verdicts and intervals compared with the
/// truth.
/// <para>
/// The model: a classical generator with P parameters reaches FID F(P) = <see cref="FidScale"/> · P^-<see cref="FidExponent"/>
/// (falling with capacity), and the quantum generator with Q parameters reaches F(C(Q)), where ln C(Q) is the
/// <see cref="Matching"/> law, so C(Q) is by construction the classical capacity that matches it. A critic with c
/// parameters multiplies a generator's FID by 1 + <see cref="CriticCurvature"/> (ln c - ln c*)², with the optimal c*
/// from <see cref="QuantumCritic"/> / <see cref="ClassicalCritic"/> in the generator's parameters. Each run settles
/// at that FID times exp(<see cref="SeedNoise"/> z) (seed-to-seed variation) and its last K evaluations jitter by
/// <see cref="EvaluationNoise"/> around it; a share of the runs diverges. Parameter counts follow the sweep's formulas
/// for 12 qubits with the zx readout (Q = 120 L + 24), depth-1 classical generators (37 w + 24) and depth-2 critics
/// (w² + 27 w + 1), all in a 24-wide latent space with 12 noise inputs.
/// </para>
/// </summary>
public sealed record StudySimulation
{
    public IReadOnlyList<int> Layers { get; init; } = [1, 2, 3, 4, 6, 8];
    public IReadOnlyList<int> ClassicalWidths { get; init; } = [4, 8, 16, 32, 64, 128, 256, 512];
    public IReadOnlyList<int> CriticWidths { get; init; } = [8, 16, 32, 64, 128];
    public int Seeds { get; init; } = 3;
    public int LastK { get; init; } = 5;

    public required SimulatedLaw Matching { get; init; }
    public required SimulatedLaw QuantumCritic { get; init; }
    public required SimulatedLaw ClassicalCritic { get; init; }

    public double FidScale { get; init; } = 400;
    public double FidExponent { get; init; } = 0.7;
    public double CriticCurvature { get; init; } = 0.1;
    public double SeedNoise { get; init; } = 0.05;
    public double EvaluationNoise { get; init; } = 0.02;
    public double DivergedShare { get; init; } = 0.03;

    public static long QuantumParameters(int layers) => 120L * layers + 24;

    public static long ClassicalParameters(int width) => 37L * width + 24;

    public static long CriticParameters(int width) => (long)width * width + 27L * width + 1;

    /// <summary>The FID of a classical generator with <paramref name="parameters"/> (also beyond the grid).</summary>
    public double Fid(double parameters) => FidScale * Math.Pow(parameters, -FidExponent);

    /// <summary>The runs.csv rows of one simulated study (deterministic for a seed).</summary>
    public List<SweepRunRow> Rows(ulong seed)
    {
        var rng = new SeededRandom(seed);
        var rows = new List<SweepRunRow>();
        var generators = Layers.Select(l => (Quantum: true, Size: l, Parameters: QuantumParameters(l)))
            .Concat(ClassicalWidths.Select(w => (Quantum: false, Size: w, Parameters: ClassicalParameters(w))));
        int index = 0;
        foreach (var g in generators)
        {
            double fid = g.Quantum ? Fid(Math.Exp(Matching.LogCapacity(g.Parameters))) : Fid(g.Parameters);
            double logOptimum = (g.Quantum ? QuantumCritic : ClassicalCritic).LogCapacity(g.Parameters);
            foreach (var critic in CriticWidths)
            {
                long criticParameters = CriticParameters(critic);
                double offset = Math.Log(criticParameters) - logOptimum;
                double cellFid = fid * (1 + CriticCurvature * offset * offset);
                for (int s = 0; s < Seeds; s++)
                {
                    rows.Add(Run(index++, g.Quantum, g.Size, g.Parameters, critic, criticParameters, s + 1, cellFid, rng));
                }
            }
        }
        return rows;
    }

    private SweepRunRow Run(int index, bool quantum, int size, long parameters, int critic, long criticParameters, int seed, double cellFid, SeededRandom rng)
    {
        bool diverged = rng.NextDouble() < DivergedShare;
        var normals = new double[LastK + 1];
        rng.FillNormal(normals);
        double level = cellFid * Math.Exp(SeedNoise * normals[0]);
        var fids = normals.Skip(1).Select(z => level * (1 + EvaluationNoise * z)).ToList();
        var row = new SweepRunRow
        {
            Index = index,
            GeneratorKind = quantum ? SweepRunStatus.Quantum : SweepRunStatus.Classical,
            Qubits = quantum ? 12 : null,
            Layers = quantum ? size : null,
            GeneratorWidth = quantum ? null : size,
            GeneratorDepth = quantum ? null : 1,
            CriticWidth = critic,
            CriticDepth = 2,
            Seed = seed,
            GeneratorParams = parameters,
            CriticParams = criticParameters,
            Status = diverged ? SweepRunStatus.Diverged : SweepRunStatus.Completed,
            Iterations = 1000,
            Evaluations = 2 * LastK,
        };
        if (diverged)
        {
            return row;
        }
        var (change, residual) = RunStatistics.Trend(fids)!.Value;
        double mean = fids.Average();
        return row with
        {
            Fid = mean,
            FidSpread = (fids.Max() - fids.Min()) / mean,
            MaxAbsWasserstein = 1,
            Jsd = 0.1,
            FidTrend = change,
            FidResidualSd = residual,
        };
    }
}
