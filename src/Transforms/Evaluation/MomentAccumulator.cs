using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>
/// Streams feature rows into a mean and covariance in float64 without keeping the rows.
/// </summary>
/// <remarks>
/// Rows are buffered in blocks (stored transposed, dimension-major). Each full block is centred on its own mean
/// and its scatter matrix <c>Xc^T Xc</c> is added with the blocked SIMD kernel; blocks are merged with the
/// pairwise update of Chan, Golub and LeVeque (<c>M += delta delta^T * na nb / n</c>). Centring per block keeps
/// the accumulation as accurate as a two-pass algorithm while reading the data once. Every value is checked:
/// NaN or infinity is reported with the set name and the 0-based row index.
/// </remarks>
public sealed class MomentAccumulator
{
    private const int TargetBlockValues = 1 << 21; // 16 MiB of doubles per block

    private readonly int _dim;
    private readonly int _blockRows;
    private readonly double[] _block;   // _dim x _blockRows, dimension-major
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
        _block = new double[(long)_dim * _blockRows <= Array.MaxLength ? _dim * _blockRows : throw new ArgumentOutOfRangeException(nameof(dimension))];
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
        var r = _buffered;
        for (var j = 0; j < _dim; j++)
        {
            var v = row[j];
            if (!double.IsFinite(v))
            {
                throw NonFinite(v, j);
            }
            _block[j * _blockRows + r] = v;
        }
        Commit();
    }

    /// <summary>Adds one vector (finite values; errors name the set and the row).</summary>
    public void Add(ReadOnlySpan<float> row)
    {
        CheckRow(row.Length);
        var r = _buffered;
        for (var j = 0; j < _dim; j++)
        {
            var v = row[j];
            if (!float.IsFinite(v))
            {
                throw NonFinite(v, j);
            }
            _block[j * _blockRows + r] = v;
        }
        Commit();
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
        var cov = (double[])_scatter.Clone();
        RowDotProducts.MirrorUpper(cov, _dim);
        var inv = 1.0 / (_count - 1);
        for (var i = 0; i < cov.Length; i++)
        {
            cov[i] *= inv;
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
        // Compact a partial block so that its rows are contiguous with stride nb (moves only towards the front).
        if (nb != _blockRows)
        {
            for (var j = 1; j < _dim; j++)
            {
                Array.Copy(_block, j * _blockRows, _block, j * nb, nb);
            }
        }
        var blockMean = new double[_dim];
        for (var j = 0; j < _dim; j++)
        {
            var row = _block.AsSpan(j * nb, nb);
            double s = 0;
            foreach (var v in row)
            {
                s += v;
            }
            var mu = s / nb;
            blockMean[j] = mu;
            for (var t = 0; t < row.Length; t++)
            {
                row[t] -= mu;
            }
        }
        RowDotProducts.Compute(_block, _dim, _block, _dim, nb, _scatter, _dim, accumulate: true, upperOnly: true);

        var na = _count;
        var n = na + nb;
        if (na > 0)
        {
            var weight = (double)na * nb / n;
            var delta = new double[_dim];
            for (var j = 0; j < _dim; j++)
            {
                delta[j] = blockMean[j] - _mean[j];
            }
            for (var i = 0; i < _dim; i++)
            {
                RowDotProducts.Axpy(weight * delta[i], delta.AsSpan(i), _scatter.AsSpan(i * _dim + i, _dim - i));
            }
            for (var j = 0; j < _dim; j++)
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
