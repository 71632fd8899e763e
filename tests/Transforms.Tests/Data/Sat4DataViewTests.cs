using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Tests.Shared.Data;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Mat;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class Sat4DataViewTests
{
    private static readonly Sat4Split _test = Sat4MatReader.Read(Sat4Expected.MatPath, "test")["test"];
    private static readonly Sat4Expected _expected = Sat4Expected.Load();

    private sealed class Row
    {
        [VectorType(Sat4Schema.PixelCount)]
        public float[] Image { get; set; } = [];

        public int Label { get; set; }
    }

    [Fact]
    public void Schema_is_the_column_contract()
    {
        var view = _test.ToDataView(new MLContext(seed: 1));

        Assert.Equal(2, view.Schema.Count);
        var image = view.Schema[Sat4Schema.ImageColumn];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3136), image.Type);
        Assert.Equal(NumberDataViewType.Int32, view.Schema[Sat4Schema.LabelColumn].Type);
        Assert.Equal(50, view.GetRowCount());
    }

    [Fact]
    public void Rows_are_chw_floats_of_uint8_over_255_with_the_probe_values()
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.CreateEnumerable<Row>(_test.ToDataView(ml), reuseRowObject: false).ToArray();

        Assert.Equal(_test.Labels, rows.Select(r => r.Label));
        foreach (var probe in _expected.Splits["test"].Probes)
        {
            Assert.Equal(probe.Value / 255f, rows[probe.Image].Image[probe.Channel * 784 + probe.Row * 28 + probe.Col]);
        }
        for (var i = 0; i < rows.Length; i++)
        {
            var patch = _test.GetPatch(i);
            for (var k = 0; k < Sat4Schema.PixelCount; k++)
            {
                Assert.Equal(patch[k] / 255f, rows[i].Image[k]);
            }
        }
        Assert.All(rows.SelectMany(r => r.Image), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Shuffled_cursor_visits_every_row_once_in_another_order()
    {
        var view = _test.ToDataView(new MLContext(seed: 1));
        var ids = new List<ulong>();
        using (var cursor = view.GetRowCursor(view.Schema, new Random(3)))
        {
            var id = cursor.GetIdGetter();
            var label = cursor.GetGetter<int>(view.Schema[Sat4Schema.LabelColumn]);
            DataViewRowId value = default;
            var l = 0;
            while (cursor.MoveNext())
            {
                id(ref value);
                label(ref l);
                Assert.Equal(_test.Labels[(int)value.Low], l);
                ids.Add(value.Low);
            }
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (ulong)i), ids.Order());
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (ulong)i), ids);
    }

    [Fact]
    public void Works_with_stock_ml_net_operations()
    {
        var ml = new MLContext(seed: 1);
        var view = _test.ToDataView(ml);

        var shuffled = ml.Data.ShuffleRows(view, seed: 5);
        var first10 = ml.Data.TakeRows(shuffled, 10);
        var cached = ml.Data.Cache(first10);
        var normalized = ml.Transforms.NormalizeMinMax("Image").Fit(cached).Transform(cached);

        Assert.Equal(10, ml.Data.CreateEnumerable<Row>(normalized, reuseRowObject: false).Count());
    }

    [Fact]
    public void Getter_of_the_wrong_type_or_an_inactive_column_fails_clearly()
    {
        var view = _test.ToDataView(new MLContext(seed: 1));
        using var cursor = view.GetRowCursor([view.Schema[Sat4Schema.LabelColumn]]);

        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(view.Schema[Sat4Schema.LabelColumn]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(view.Schema[Sat4Schema.ImageColumn]));
    }

    [Fact]
    public void Catalog_entries_load_every_format_as_the_same_rows()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.QGan().Data;

        var fromMat = data.LoadMat(Sat4Expected.CompressedMatPath, "test");
        var fromCsv = data.LoadKaggleCsv(Sat4Expected.CsvPath("test"));
        var fromAny = data.LoadSat4(Sat4Expected.MatPath, "test");

        Sat4Assert.SameContent(_test, fromMat.Split);
        Sat4Assert.SameContent(_test, fromCsv.Split);
        Sat4Assert.SameContent(_test, fromAny.Split);
        Assert.Equal(["train", "test"], data.ReadSat4(Sat4Expected.MatPath).Splits.Select(s => s.Name));
        Assert.Equal(100, data.Synthetic(100, seed: 9).GetRowCount());
        Assert.Equal("test", data.LoadSat4(Sat4Expected.CsvPath("test")).Split.Name);
        Assert.Equal("train", data.LoadSat4(Sat4Expected.MatPath).Split.Name);
        Assert.Throws<ArgumentException>(() => data.LoadSat4(Sat4Expected.CsvPath("test"), "train"));
    }

    [Fact]
    public void Any_view_with_the_contract_columns_collects_back_into_a_store()
    {
        var ml = new MLContext(seed: 1);
        // Route through a transform so the collector sees a generic view, not a Sat4DataView.
        var view = ml.Transforms.CopyColumns("Copy", "Label").Fit(_test.ToDataView(ml)).Transform(_test.ToDataView(ml));
        Assert.IsNotType<Sat4DataView>(view);

        var back = ml.QGan().Data.ToSat4Split(view, "test");

        Sat4Assert.SameContent(_test, back);
    }
}
