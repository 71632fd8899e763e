using System.Numerics.Tensors;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Experiments.Measurement;

/// <summary>
/// The Fréchet distance of two sample sets whose dimension d exceeds their sizes (e.g. 3136-pixel images, a few hundred
/// per set), computed exactly in a subspace of dimension at most n1 + n2 - 1 instead of d. Both covariances have their
/// range in the span V of the centred rows of both sets, and the mean difference is added to V; with Q an orthonormal
/// basis of V, projecting every row onto Q keeps |mu1 - mu2|^2, both traces and the eigenvalues of S1 S2 (S_i = Q Q^T S_i
/// Q Q^T), so the FID of the projected rows equals the FID of the original ones — at the cost of a Gram-Schmidt pass
/// (O(k^2 d)) and a k-dimensional FID instead of a d x d eigendecomposition (O(d^3)).
/// </summary>
public static class SubspaceFrechet
{
    /// <summary>FID of <paramref name="a"/> and <paramref name="b"/> (rows of equal length), via the subspace when it is smaller.</summary>
    public static double Compute(IReadOnlyList<float[]> a, IReadOnlyList<float[]> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count < 2 || b.Count < 2)
        {
            throw new ArgumentException("the Fréchet distance needs at least 2 rows per set");
        }
        int d = a[0].Length;
        if (a.Count + b.Count - 1 >= d)
        {
            return FrechetDistance.Compute(a, b);
        }
        var meanA = Mean(a, d);
        var meanB = Mean(b, d);
        // Orthonormal basis of span{a_i - meanA, b_j - meanB, meanA - meanB} by modified Gram-Schmidt with one
        // re-orthogonalisation pass ("twice is enough"); directions that vanish (linear dependence) are dropped.
        var basis = new List<double[]>();
        void Add(double[] v)
        {
            double norm0 = Norm(v);
            if (norm0 == 0)
            {
                return;
            }
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (var q in basis)
                {
                    TensorPrimitives.MultiplyAdd(q, -TensorPrimitives.Dot<double>(q, v), v, v);
                }
            }
            double norm = Norm(v);
            if (norm <= 1e-10 * norm0)
            {
                return;
            }
            TensorPrimitives.Divide(v, norm, v);
            basis.Add(v);
        }
        foreach (var row in a)
        {
            Add(Centred(row, meanA));
        }
        foreach (var row in b)
        {
            Add(Centred(row, meanB));
        }
        var diff = new double[d];
        for (int k = 0; k < d; k++)
        {
            diff[k] = meanA[k] - meanB[k];
        }
        Add(diff);
        double[] Project(float[] row)
        {
            var x = new double[d];
            for (int k = 0; k < d; k++)
            {
                x[k] = row[k];
            }
            var p = new double[basis.Count];
            for (int j = 0; j < p.Length; j++)
            {
                p[j] = TensorPrimitives.Dot<double>(basis[j], x);
            }
            return p;
        }
        return FrechetDistance.Compute(a.Select(Project).ToList(), b.Select(Project).ToList());
    }

    private static double[] Mean(IReadOnlyList<float[]> rows, int d)
    {
        var m = new double[d];
        foreach (var row in rows)
        {
            for (int k = 0; k < d; k++)
            {
                m[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++)
        {
            m[k] /= rows.Count;
        }
        return m;
    }

    private static double[] Centred(float[] row, double[] mean)
    {
        var v = new double[mean.Length];
        for (int k = 0; k < v.Length; k++)
        {
            v[k] = row[k] - mean[k];
        }
        return v;
    }

    private static double Norm(double[] x) => Math.Sqrt(TensorPrimitives.Dot<double>(x, x));
}
