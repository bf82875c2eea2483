using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Conditions;

/// <summary>What <c>absorption_zone_near</c> and <c>avoid_absorption_zones</c> looked at.</summary>
/// <param name="Price">The price asked about; null when none was given.</param>
/// <param name="Tolerance">How far a zone may be and count as near.</param>
/// <param name="Window">The absorption window that must be covered for the zones to be trusted.</param>
/// <param name="Covered">True when the bot has every trade of that window.</param>
/// <param name="Active">Active zones.</param>
/// <param name="Near">Active zones within the tolerance of the price, nearest first.</param>
/// <param name="Nearest">The nearest active zone; null when none is active or no price was given.</param>
/// <param name="Distance">Distance from the price to <see cref="Nearest"/> (0 inside it).</param>
public sealed record ZoneFigures(
    decimal? Price,
    decimal Tolerance,
    TimeSpan Window,
    bool Covered,
    int Active,
    IReadOnlyList<AbsorptionZone> Near,
    AbsorptionZone? Nearest,
    decimal? Distance
) : ConditionFigures;
