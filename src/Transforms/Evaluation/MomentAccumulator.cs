using System.Runtime.Intrinsics;
using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// Streams feature rows into a mean and covariance in float64 without keeping the rows.
/// </summary>
/// <remarks>
/// Rows are buffered in blocks (as they come, sample-major). Each full block is centred on its own mean and its
/// scatter matrix <c>Xc^T Xc</c> is added with the packed SIMD kernel (reading the block as its transpose); blocks
/// are merged with the pairwise update of Chan, Golub and LeVeque (<c>M += delta delta^T * na nb / n</c>), which
/// rides along in the same product as one extra row <c>sqrt(na nb / n) delta</c>. Centring per block keeps
/// the accumulation as accurate as a two-pass algorithm while reading the data once. Every value is checked:
/// NaN or infinity is reported with the set name and the 0-based row index.
/// </remarks>
public sealed class MomentAccumulator
{
    private const int TargetBlockValues = 1 << 21; // 16 MiB of doubles per block

    private readonly int _dim;
    private readonly int _blockRows;
    private readonly double[] _block;   // (_blockRows + 1) x _dim, sample-major
    private readonly double[] _mean;
    private readonly double[] _scatter; // upper triangle valid, d x d
    private int _buffered;
    private long _count;
    private bool _finished;

    /// <summary>An empty accumulator for vectors of <paramref name="dimension"/> values; <paramref name="setName"/> names the set in errors.</summary>
    public MomentAccumulator(int dimension, string setName = "set")
        : this(dimension, setName, Math.Clamp(TargetBlockValues / Math.Max(dimension, 1), 64, 8192))
    {
    }

    /// <summary>Accumulator with an explicit block size (rows centred and multiplied together).</summary>
    internal MomentAccumulator(int dimension, string setName, int blockRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        _dim = dimension;
        SetName = setName ?? "set";
        _blockRows = blockRows;
        // One row more than the block holds: the merge row of Flush.
        _block = new double[(long)_dim * (_blockRows + 1) <= Array.MaxLength ? _dim * (_blockRows + 1) : throw new ArgumentOutOfRangeException(nameof(dimension))];
        _mean = new double[_dim];
        _scatter = new double[(long)_dim * _dim];
    }

    /// <summary>The set, for messages.</summary>
    public string SetName { get; }

    /// <summary>Length of the vectors.</summary>
    public int Dimension => _dim;

    /// <summary>Rows added so far.</summary>
    public long Count => _count + _buffered;

    /// <summary>Adds one vector (finite values; errors name the set and the row).</summary>
    public void Add(ReadOnlySpan<double> row)
    {
        CheckRow(row.Length);
        var dst = _block.AsSpan(_buffered * _dim, _dim);
        row.CopyTo(dst);
        if (!AllFinite(dst))
        {
            ThrowFirstNonFinite(dst);
        }
        Commit();
    }

    /// <summary>Adds one vector (finite values; errors name the set and the row).</summary>
    public void Add(ReadOnlySpan<float> row)
    {
        CheckRow(row.Length);
        var dst = _block.AsSpan(_buffered * _dim, _dim);
        var j = 0;
        for (; j + 16 <= _dim; j += 16)
        {
            var (lower, upper) = Vector512.Widen(Vector512.Create(row.Slice(j, 16)));
            lower.CopyTo(dst.Slice(j, 8));
            upper.CopyTo(dst.Slice(j + 8, 8));
        }
        for (; j < _dim; j++)
        {
            dst[j] = row[j];
        }
        if (!AllFinite(dst))
        {
            ThrowFirstNonFinite(dst);
        }
        Commit();
    }

    // v - v is 0 for every finite v and NaN for NaN and the infinities, so one vector sum checks a whole row.
    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        var acc = Vector512<double>.Zero;
        var i = 0;
        for (; i + 8 <= values.Length; i += 8)
        {
            var v = Vector512.Create(values.Slice(i, 8));
            acc += v - v;
        }
        var tail = 0.0;
        for (; i < values.Length; i++)
        {
            tail += values[i] - values[i];
        }
        return Vector512.Sum(acc) + tail == 0.0;
    }

    private void ThrowFirstNonFinite(ReadOnlySpan<double> values)
    {
        for (var j = 0; j < values.Length; j++)
        {
            if (!double.IsFinite(values[j]))
            {
                throw NonFinite(values[j], j);
            }
        }
    }

    /// <summary>Finishes the accumulation: mean and unbiased covariance. Needs at least 2 rows.</summary>
    public GaussianMoments ToMoments()
    {
        if (!_finished)
        {
            Flush();
            _finished = true;
        }
        if (_count < 2)
        {
            throw new InvalidDataException(
                $"{SetName}: {_count} sample(s); a covariance needs at least 2.");
        }
        var d = _dim;
        var cov = new double[(long)d * d];
        var inv = 1.0 / (_count - 1);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Threads(-1) };
        Parallel.For(0, d, options, i =>
        {
            var src = _scatter.AsSpan(i * d + i, d - i);
            var dst = cov.AsSpan(i * d + i, d - i);
            for (var j = 0; j < src.Length; j++)
            {
                dst[j] = src[j] * inv;
            }
        });
        RowDotProducts.MirrorUpper(cov, d);
        if (!AllFinite(cov) || !AllFinite(_mean))
        {
            throw new InvalidDataException(
                $"{SetName}: the values are too large for a covariance in double precision (it overflows); rescale the features.");
        }
        return new GaussianMoments(SetName, _count, (double[])_mean.Clone(), cov);
    }

    private void CheckRow(int length)
    {
        if (_finished)
        {
            throw new InvalidOperationException($"{SetName}: moments were already computed; create a new accumulator.");
        }
        if (length != _dim)
        {
            throw new InvalidDataException(
                $"{SetName}: row {Count} (0-based) has {length} values, expected {_dim}.");
        }
    }

    private InvalidDataException NonFinite(double v, int column) =>
        new($"{SetName}: row {Count} (0-based) has a non-finite value ({v}) at feature {column}.");

    private void Commit()
    {
        if (++_buffered == _blockRows)
        {
            Flush();
        }
    }

    private void Flush()
    {
        var nb = _buffered;
        if (nb == 0)
        {
            return;
        }
        var d = _dim;
        var threads = Parallelism.Threads(-1);
        var chunks = Math.Min(threads, Math.Max(1, d / 256));
        var blockMean = new double[d];
        // Block mean, then centring, each thread on its own range of feature columns.
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, chunk =>
        {
            var c0 = (int)((long)d * chunk / chunks);
            var c1 = (int)((long)d * (chunk + 1) / chunks);
            var mean = blockMean.AsSpan(c0, c1 - c0);
            for (var r = 0; r < nb; r++)
            {
                RowDotProducts.Axpy(1.0, _block.AsSpan(r * d + c0, c1 - c0), mean);
            }
            for (var j = 0; j < mean.Length; j++)
            {
                mean[j] /= nb;
            }
            for (var r = 0; r < nb; r++)
            {
                RowDotProducts.Axpy(-1.0, mean, _block.AsSpan(r * d + c0, c1 - c0));
            }
        });
        // Merging with the earlier blocks (Chan, Golub & LeVeque) adds w delta delta^T to the scatter,
        // w = na nb / n: that is one more row sqrt(w) delta below the centred block, so the same product does it.
        var na = _count;
        var n = na + nb;
        var rows = nb;
        var delta = new double[d];
        if (na > 0)
        {
            var root = Math.Sqrt((double)na * nb / n);
            var extra = _block.AsSpan(nb * d, d);
            for (var j = 0; j < d; j++)
            {
                delta[j] = blockMean[j] - _mean[j];
                extra[j] = root * delta[j];
            }
            rows++;
        }
        // Scatter += Xc^T Xc: the features are the rows of the transposed block.
        var features = new DenseBlock(_block, 0, d, Transposed: true);
        RowDotProducts.Compute(features, d, features, d, rows, new DenseBlock(_scatter, 0, d),
            accumulate: true, upperOnly: true);
        if (na > 0)
        {
            for (var j = 0; j < d; j++)
            {
                _mean[j] += delta[j] * nb / n;
            }
        }
        else
        {
            blockMean.CopyTo(_mean, 0);
        }
        _count = n;
        _buffered = 0;
    }
}
