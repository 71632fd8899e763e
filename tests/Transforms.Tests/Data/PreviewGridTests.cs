using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.Data.Synthetic;
using SkiaSharp;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class PreviewGridTests
{
    [Fact]
    public void Rows_are_classes_and_cells_show_the_first_patches_of_each_class_in_rgb_at_2x()
    {
        var split = Sat4SyntheticGenerator.Generate(120, seed: 4);

        using var image = SKBitmap.Decode(PreviewGrid.Render(split));

        const int cell = 28 * PreviewGrid.Zoom + PreviewGrid.Gap;
        Assert.Equal(PreviewGrid.PatchesPerRow * cell + PreviewGrid.Gap, image.Width);
        Assert.Equal(4 * cell + PreviewGrid.Gap, image.Height);
        for (var label = 0; label < 4; label++)
        {
            var members = Enumerable.Range(0, split.Count).Where(i => split.Labels[i] == label).Take(2).ToArray();
            for (var column = 0; column < members.Length; column++)
            {
                // Patch pixel (row 9, col 13) lands at 2x in the cell (column, label).
                var x = PreviewGrid.Gap + column * cell + 13 * PreviewGrid.Zoom + 1;
                var y = PreviewGrid.Gap + label * cell + 9 * PreviewGrid.Zoom + 1;
                var color = image.GetPixel(x, y);
                Assert.Equal(split.GetPixel(members[column], 9, 13, Sat4Schema.Red), color.Red);
                Assert.Equal(split.GetPixel(members[column], 9, 13, Sat4Schema.Green), color.Green);
                Assert.Equal(split.GetPixel(members[column], 9, 13, Sat4Schema.Blue), color.Blue);
                Assert.Equal(255, color.Alpha);
            }
        }
    }
}
