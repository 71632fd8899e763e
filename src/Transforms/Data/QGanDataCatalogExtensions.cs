using Microsoft.ML;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Csv;
using QGan.MLNet.Transforms.Data.Mat;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.Data.Synthetic;

// Catalog extensions live beside QGanCatalog so `using QGan.MLNet.Transforms.Catalog;` brings in every entry point.
namespace QGan.MLNet.Transforms.Catalog;

/// <summary>
/// SAT-4 entry points on <c>mlContext.QGan().Data</c>. Every loader returns a <see cref="Sat4DataView"/> with the
/// <see cref="Sat4Schema"/> columns (<c>Image</c>: 3136 floats CHW in [0, 1], <c>Label</c>: int 0..3); its
/// <see cref="Sat4DataView.Split"/> is the raw uint8 store. <see cref="ReadSat4"/> returns all splits as stores.
/// </summary>
public static class QGanDataCatalogExtensions
{
    /// <summary>One split (<c>train</c> or <c>test</c>) of a SAT-4 MAT v5 file such as <c>sat-4-full.mat</c>.</summary>
    public static Sat4DataView LoadMat(this QGanDataCatalog catalog, string path, string split = Sat4Schema.TrainSplit)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new Sat4DataView(Sat4MatReader.Read(path, split)[split]);
    }

    /// <summary>A Kaggle <c>X_*.csv</c> with its <c>y_*.csv</c> beside it.</summary>
    public static Sat4DataView LoadKaggleCsv(this QGanDataCatalog catalog, string xPath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new Sat4DataView(Sat4CsvReader.Read(xPath).Splits[0]);
    }

    /// <summary>
    /// A PNG folder (<see cref="Sat4PngLayout"/>); <paramref name="split"/> picks one split of a multi-split folder.
    /// <paramref name="decoding"/> = <see cref="PngDecoding.ImageAnalytics"/> uses the stock ML.NET image loader (lossy RGB).
    /// </summary>
    public static Sat4DataView LoadPngFolder(this QGanDataCatalog catalog, string dir, string? split = null,
        PngDecoding decoding = PngDecoding.Exact)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var data = Sat4PngFolderReader.Read(dir, decoding);
        return new Sat4DataView(split is null ? data.Splits[0] : data[split]);
    }

    /// <summary>The deterministic synthetic SAT-4-like data set (see <see cref="Sat4SyntheticGenerator"/>).</summary>
    public static Sat4DataView Synthetic(this QGanDataCatalog catalog, int count, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new Sat4DataView(Sat4SyntheticGenerator.Generate(count, seed));
    }

    /// <summary>The synthetic data set for a 64-bit seed (as <c>qgan data synth --seed</c> takes it).</summary>
    public static Sat4DataView Synthetic(this QGanDataCatalog catalog, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new Sat4DataView(Sat4SyntheticGenerator.Generate(count, seed));
    }

    /// <summary>
    /// Any SAT-4 source (format detected from the path), one split as a data view: <paramref name="split"/>, or when
    /// null the <c>train</c> split if there is one, else the only split (a <c>X_test_*.csv</c> gives its test split).
    /// </summary>
    public static Sat4DataView LoadSat4(this QGanDataCatalog catalog, string path, string? split = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var data = Sat4DataLoader.Load(path, split);
        return new Sat4DataView(split is null ? data.TryGetSplit(Sat4Schema.TrainSplit) ?? data.Splits[0] : data[split]);
    }

    /// <summary>Any SAT-4 source, all splits as raw uint8 stores.</summary>
    public static Sat4DataSet ReadSat4(this QGanDataCatalog catalog, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Sat4DataLoader.Load(path);
    }

    /// <summary>
    /// Collects an <see cref="IDataView"/> with an <c>Image</c> column (3136 floats in [0, 1], CHW) and an int
    /// <c>Label</c> column into a uint8 store (values rounded to the nearest of v*255, clamped), e.g. to export
    /// generated patches as PNG folders.
    /// </summary>
    public static Sat4Split ToSat4Split(this QGanDataCatalog catalog, IDataView data, string name = Sat4Schema.TrainSplit)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Sat4SplitCollector.Collect(data, name);
    }
}
