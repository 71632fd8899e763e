using System.Globalization;
using System.Text;
using QGan.MLNet.Experiments.Config;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// Calibration of the law verdicts and intervals by simulation (docs/sweep.md, "Calibration"): many studies are
/// simulated from known laws (<see cref="StudySimulation"/>), each analysed by <see cref="SweepAnalysis.Summarize(IReadOnlyList{Runs.SweepRunRow}, SweepAnalysisSettings, int, StudyContext?)"/>
/// exactly as a real sweep, and the verdicts and the intervals of b are compared with the truth.
/// </summary>
public static class LawCalibration
{
    /// <summary>A simulated design: the laws, the noise and whether the two laws differ clearly over its grid.</summary>
    public sealed record Scenario(string Name, StudySimulation Simulation, bool Clear);

    /// <summary>How one relation fared over the studies of a scenario.</summary>
    /// <param name="Relation"><c>matching</c> (classical capacity needed) or <c>quantum critic</c> (optimal critic of the quantum generators).</param>
    /// <param name="WithInterval">Studies in which the true law's b had a bootstrap interval.</param>
    /// <param name="Covered">Of those, intervals containing the true b.</param>
    /// <param name="CensoredPoints">Mean number of bounds (censored points) per study.</param>
    public sealed record Outcome(
        string Scenario, string Relation, string TrueLaw, bool Clear, double SeedNoise, int Studies,
        int ChoseTrue, int ChoseWrong, int Undetermined, int WithInterval, int Covered, double CensoredPoints);

    /// <summary>The outcomes of <paramref name="studies"/> simulated studies (study i uses seed <paramref name="seed"/> + i).</summary>
    public static IReadOnlyList<Outcome> Run(Scenario scenario, int studies, ulong seed, SweepAnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        var matching = new Tally();
        var critic = new Tally();
        for (int i = 0; i < studies; i++)
        {
            var rows = scenario.Simulation.Rows(seed + (ulong)i);
            var summary = SweepAnalysis.Summarize(rows, settings, rows.Count);
            matching.Add(summary.Fits, scenario.Simulation.Matching);
            critic.Add(summary.CriticFits!.Quantum, scenario.Simulation.QuantumCritic);
        }
        double noise = scenario.Simulation.SeedNoise;
        return
        [
            matching.Outcome(scenario, "matching", noise, studies),
            critic.Outcome(scenario, "quantum critic", noise, studies),
        ];
    }

    /// <summary>The outcomes as a Markdown table (the form docs/sweep.md quotes).</summary>
    public static string Table(IEnumerable<Outcome> outcomes)
    {
        var md = new StringBuilder();
        md.AppendLine("| scenario | relation | true law | laws differ | seed noise | studies | true law chosen | wrong law | undetermined | 95 % CI of b covers truth | bounds per study |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var o in outcomes)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {o.Scenario} | {o.Relation} | {o.TrueLaw} | {(o.Clear ? "clearly" : "barely")} | {o.SeedNoise:P0} | {o.Studies} | {o.ChoseTrue} | {o.ChoseWrong} | {o.Undetermined} | " +
                $"{o.Covered}/{o.WithInterval} ({(o.WithInterval == 0 ? 0 : (double)o.Covered / o.WithInterval):P0}) | {o.CensoredPoints:F1} |"));
        }
        return md.ToString();
    }

    private sealed class Tally
    {
        private int _true, _wrong, _undetermined, _withInterval, _covered, _censored;

        public void Add(ScalingFits fits, SimulatedLaw truth)
        {
            if (fits.Preferred is null)
            {
                _undetermined++;
            }
            else if (fits.Preferred == truth.Form)
            {
                _true++;
            }
            else
            {
                _wrong++;
            }
            var law = truth.Form == LawComparison.Exponential ? fits.Exponential : fits.Power;
            if (law?.Ci is { } ci)
            {
                _withInterval++;
                if (ci.B[0] <= truth.B && truth.B <= ci.B[1])
                {
                    _covered++;
                }
            }
            _censored += law?.Points?.Count(p => p.Censoring != Censoring.None) ?? 0;
        }

        public Outcome Outcome(Scenario s, string relation, double noise, int studies) =>
            new(s.Name, relation, relation == "matching" ? s.Simulation.Matching.Form : s.Simulation.QuantumCritic.Form, s.Clear, noise, studies,
                _true, _wrong, _undetermined, _withInterval, _covered, studies == 0 ? 0 : (double)_censored / studies);
    }

    /// <summary>
    /// The scenarios of docs/sweep.md, fixed before any result was seen: each law (matching and quantum critic of the
    /// same form) either clearly curved against the other over Q = 144..984 (capacity x100 across the grid, the largest
    /// quantum generator's match beyond the classical grid: a bound) or barely (capacity x2.7), at three seed-noise levels.
    /// </summary>
    public static IReadOnlyList<Scenario> StandardScenarios()
    {
        var list = new List<Scenario>();
        foreach (bool clear in new[] { true, false })
        {
            foreach (var form in new[] { LawComparison.Exponential, LawComparison.Power })
            {
                foreach (double noise in new[] { 0.02, 0.05, 0.1 })
                {
                    var simulation = new StudySimulation
                    {
                        Matching = clear ? SimulatedLaw.Through(form, 144, 250, 984, 25000) : SimulatedLaw.Through(form, 144, 600, 984, 1600),
                        QuantumCritic = clear ? SimulatedLaw.Through(form, 144, 400, 984, 8000) : SimulatedLaw.Through(form, 144, 1000, 984, 2500),
                        ClassicalCritic = SimulatedLaw.Through(LawComparison.Power, 172, 400, 18968, 8000),
                        SeedNoise = noise,
                    };
                    list.Add(new Scenario(string.Create(CultureInfo.InvariantCulture, $"{(clear ? "clear" : "weak")}-{form}-{noise:0.00}"), simulation, clear));
                }
            }
        }
        return list;
    }
}
