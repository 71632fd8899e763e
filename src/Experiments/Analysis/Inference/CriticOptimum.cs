namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// A generator's optimal critic as the vertex of a least-squares quadratic of FID against x = ln(critic parameters),
/// fitted to every stable seed of its eligible cells (docs/sweep.md, "Optimal critic"). The grid argmin can only name
/// a grid point; the vertex interpolates between them. An optimum outside the grid, or a fit without a minimum (the
/// curve falls or rises across the whole grid), is censored at the edge where the fitted FID is lowest. With two
/// eligible critics a line can only say which edge is better (censored there); with fewer there is no estimate.
/// </summary>
internal static class CriticOptimum
{
    /// <summary>The estimate: its summary form and ln(critic parameters), -∞ / +∞ when censored left / right, NaN without fit.</summary>
    public sealed record Estimate(string Status, double LogCritic, double? FidAtOptimum, QuadraticFit? Quadratic, double? EdgeParameters);

    public static Estimate Fit(IReadOnlyList<(long CriticParameters, IReadOnlyList<double> Values)> cells)
    {
        var used = cells.Where(c => c.Values.Count > 0).OrderBy(c => c.CriticParameters).ToList();
        if (used.Count < 2)
        {
            return new Estimate(CriticVertex.NoFit, double.NaN, null, null, null);
        }
        double xMin = Math.Log(used[0].CriticParameters), xMax = Math.Log(used[^1].CriticParameters);
        if (used.Count == 2)
        {
            double left = used[0].Values.Average(), right = used[1].Values.Average();
            if (left == right)
            {
                return new Estimate(CriticVertex.NoFit, double.NaN, null, null, null);
            }
            return left < right
                ? new Estimate(CriticVertex.LeftCensored, double.NegativeInfinity, left, null, used[0].CriticParameters)
                : new Estimate(CriticVertex.RightCensored, double.PositiveInfinity, right, null, used[1].CriticParameters);
        }
        var x = new List<double>();
        var y = new List<double>();
        foreach (var (parameters, values) in used)
        {
            foreach (var value in values)
            {
                x.Add(Math.Log(parameters));
                y.Add(value);
            }
        }
        var quadratic = QuadraticFit.Fit(x, y)!;
        if (quadratic.Vertex is double vertex && vertex >= xMin && vertex <= xMax)
        {
            return new Estimate(CriticVertex.Interior, vertex, quadratic.Predict(vertex), quadratic, null);
        }
        // No minimum inside the grid: the optimum lies at (or beyond) the edge with the lower fitted FID.
        bool leftEdge = quadratic.Vertex is double v ? v < xMin : quadratic.Predict(xMin) <= quadratic.Predict(xMax);
        return leftEdge
            ? new Estimate(CriticVertex.LeftCensored, double.NegativeInfinity, quadratic.Predict(xMin), quadratic, used[0].CriticParameters)
            : new Estimate(CriticVertex.RightCensored, double.PositiveInfinity, quadratic.Predict(xMax), quadratic, used[^1].CriticParameters);
    }
}
