namespace MoneyBot.ExtGap.Notifications;

/// <content>The French texts.</content>
public sealed partial record MessageTexts
{
    /// <summary>French.</summary>
    public static MessageTexts French { get; } =
        new()
        {
            DecimalSeparator = ",",
            PercentSuffix = " %",
            Bullish = "haussier",
            Bearish = "baissier",
            BullishTrend = "haussière",
            BearishTrend = "baissière",
            StartupTitle = "Bot External-Gap démarré",
            StartupSize = "Taille : {0} USD · frais {1} / {2}",
            StartupEntry = "Entrée {0} · durée max {1}",
            EntryAtClose = "à la clôture de la bougie du signal",
            EntryAtNextOpen = "à l'ouverture de la bougie suivante",
            ResumedPosition = "Reprise avec un {0} ouvert : {1} {2} à {3}",
            ResumedFlat = "Aucune position ouverte.",
            FirstGapTitle = "Premier gap",
            GapAtLevel = "Gap {0} à <b>{1}</b>",
            OpeningBar = "Bougie d'origine : {0}",
            Detected = "Détecté : {0}",
            FirstGapNoTrade = "Pas de trade sur le premier gap : on attend un retournement.",
            GapTitle = "Gap {0} n°{1}",
            Level = "Niveau : <b>{0}</b>",
            SameDirection = "Même direction : pas de trade.",
            ReversalTitle = "Retournement : gap {0}",
            ClosedLine = "{0} clôturé, {1} {2} : {3} → {4} ({5})",
            GrossAndFees = "Brut {0} USD · frais {1} USD",
            Net = "P&amp;L net : <b>{0} USD</b> {1}",
            Totals = "Bilan : {0} ✅ / {1} ❌ · {2} USD",
            NothingToClose = "Aucune position à clôturer.",
            OpenedTitle = "{0} ouvert",
            EntryLine = "Entrée : <b>{0}</b> · {1} USD = {2} {3}",
            TimeLine = "Heure : {0}",
            ExpiryTitle = "{0} clôturé après {1}",
            ExpiryHeld = "Ouvert le {0} : {1} → {2} ({3})",
            ExpiryNet = "P&amp;L net : <b>{0} USD</b> (frais {1} USD)",
            ExpiryFlat = "Hors position jusqu'au prochain retournement.",
            StatsTitle = "Statistiques",
            StatsTrades = "Trades clôturés : {0} ({1} ✅ / {2} ❌, taux de réussite {3})",
            StatsPnl = "P&amp;L : <b>{0} USD</b> · frais {1} USD",
            StatsPosition = "Position : {0} {1} {2} à {3}, latent {4} USD",
            StatsNoPosition = "Position : aucune",
            StatsTrend = "Tendance : {0}, {1} gap(s) d'affilée",
            StatsNoTrend = "Tendance : pas encore de gap",
            StatsSince = "En ligne depuis le {0}",
            StopTitle = "Bot External-Gap arrêté",
            StopReason = "Raison : {0}",
            StopTotals = "P&amp;L : {0} USD sur {1} trade(s) clôturé(s)",
            StopSaved = "État sauvegardé : la position et la tendance reprendront au prochain démarrage.",
        };
}
