using System.Text.Json.Serialization;
using QGan.MLNet.Core.Json;

namespace QGan.MLNet.Core.Tests.Json;

public sealed class StrictJsonTests
{
    private sealed record Root
    {
        [JsonPropertyName("name")]
        public required string Name { get; init; }

        [JsonPropertyName("items")]
        public required Item[] Items { get; init; }

        [JsonPropertyName("count")]
        public int Count { get; init; }

        [JsonPropertyName("note")]
        public string? Note { get; init; }
    }

    private sealed record Item
    {
        [JsonPropertyName("x")]
        public required double X { get; init; }

        [JsonPropertyName("sizes")]
        public int[] Sizes { get; init; } = [];
    }

    private static string Fail(string json) =>
        Assert.Throws<InvalidDataException>(() => StrictJson.Deserialize<Root>(json, "f.json")).Message;

    [Fact]
    public void Valid_document_with_comments_deserializes()
    {
        var root = StrictJson.Deserialize<Root>("""
            // a comment
            { "name": "a", "items": [ { "x": 1.5, "sizes": [1, 2] } ], "note": null }
            """, "f.json");
        Assert.Equal("a", root.Name);
        Assert.Equal([1, 2], root.Items[0].Sizes);
        Assert.Null(root.Note);
    }

    [Theory]
    [InlineData("""{ "items": [] }""", "f.json: $.name is missing")]
    [InlineData("""{ "name": "a", "items": [ {} ] }""", "f.json: $.items[0].x is missing")]
    [InlineData("""{ "name": "a", "items": [], "colour": 1 }""", "f.json: $.colour is not a known field (expected name, items, count, note)")]
    [InlineData("""{ "name": "a", "items": [ { "x": 1, "y": 2 } ] }""", "f.json: $.items[0].y is not a known field (expected x, sizes)")]
    [InlineData("""{ "name": "a", "name": "b", "items": [] }""", "f.json: $.name is given twice")]
    [InlineData("""{ "name": "a", "items": [], "count": "3" }""", "f.json: $.count must be an integer in -2147483648..2147483647, found string")]
    [InlineData("""{ "name": "a", "items": [], "count": 2.5 }""", "f.json: $.count must be an integer in -2147483648..2147483647, found a number outside its range or with a fraction")]
    [InlineData("""{ "name": "a", "items": [], "count": 3000000000 }""", "f.json: $.count must be an integer")]
    [InlineData("""{ "name": "a", "items": [ { "x": 1, "sizes": [1, "2"] } ] }""", "f.json: $.items[0].sizes[1] must be an integer")]
    [InlineData("""{ "name": "a", "items": [ { "x": null } ] }""", "f.json: $.items[0].x must be a number, found null")]
    [InlineData("""{ "name": null, "items": [] }""", "f.json: $.name must not be null")]
    [InlineData("""{ "name": "a", "items": 5 }""", "f.json: $.items must be an array of objects")]
    [InlineData("""[1]""", "f.json: $ must be an object")]
    [InlineData("""{ "name": "a", """, "f.json: not valid JSON")]
    [InlineData("""{ "name": "a", "items": [] } x""", "f.json: not valid JSON")]
    public void Failures_name_the_file_and_the_json_path(string json, string expected) =>
        Assert.StartsWith(expected, Fail(json));

    [Fact]
    public void Range_errors_of_the_validation_pass_read_the_same_way() =>
        Assert.Equal("f.json: $.items[2].x must be positive", StrictJson.Error("f.json", "$.items[2].x", "must be positive").Message);
}
