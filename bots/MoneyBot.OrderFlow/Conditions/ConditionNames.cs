namespace MoneyBot.OrderFlow.Conditions;

/// <summary>The wire names of the conditions (<c>delta_positive</c>...), as in the API and the CLI.</summary>
public static class ConditionNames
{
    /// <summary>Every condition, in the order the API lists them.</summary>
    public static IReadOnlyList<ConditionKind> All { get; } =
    [
        ConditionKind.DeltaPositive,
        ConditionKind.DeltaNegative,
        ConditionKind.CvdRising,
        ConditionKind.CvdFalling,
        ConditionKind.AbsorptionZoneNear,
        ConditionKind.AvoidAbsorptionZones,
    ];

    /// <summary>The names accepted, comma-separated, for error messages.</summary>
    public static string Accepted { get; } = string.Join(", ", All.Select(Name));

    /// <summary>The wire name of <paramref name="kind"/>.</summary>
    public static string Name(ConditionKind kind) =>
        kind switch
        {
            ConditionKind.DeltaPositive => "delta_positive",
            ConditionKind.DeltaNegative => "delta_negative",
            ConditionKind.CvdRising => "cvd_rising",
            ConditionKind.CvdFalling => "cvd_falling",
            ConditionKind.AbsorptionZoneNear => "absorption_zone_near",
            ConditionKind.AvoidAbsorptionZones => "avoid_absorption_zones",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a condition."),
        };

    /// <summary>Parses a wire name, any case.</summary>
    public static bool TryParse(string? text, out ConditionKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>True for the conditions that need a price (the absorption-zone ones).</summary>
    public static bool NeedsPrice(ConditionKind kind) =>
        kind is ConditionKind.AbsorptionZoneNear or ConditionKind.AvoidAbsorptionZones;
}
