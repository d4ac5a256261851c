using MarketSim.Core.Market;

namespace MarketSim.Core.Rules;

public sealed partial class ClearingRent
{
    /// <summary>
    /// The halvings' question, whether excess demand is above zero at a rent, answered without asking the book where
    /// the answer is already known. Where excess demand cannot rise with the rent (<see cref="SpotBook.ExcessFallsWithRent"/>;
    /// in floating point too, every operation in it being monotone) it is above zero at every rent up to one where it
    /// was found above zero, and not above zero from one where it was not, so only rents between those two are asked.
    /// <see cref="Narrow"/> first closes them in on the clearing rent, so that of some thirty halvings only the last one
    /// or two fall between them. The rent the halvings find is the one asking at every halving finds.
    /// </summary>
    private struct Halvings(SpotBook book, double positive, double atPositive, double notPositive, double atNotPositive)
    {
        private const int MaxNarrowingSteps = 10;
        // The Illinois rule's cut of the weight of the rent left behind. Like the steps, it changes how many rents are
        // asked, never the rent found.
        private const double IllinoisCut = 0.5;
        // Whether answers may be inferred: cleared for good if the book ever answers with something not a number.
        private bool _known = positive > 0 && atPositive > 0 && book.ExcessFallsWithRent;
        private double _positive = positive, _notPositive = notPositive, _atPositive = atPositive, _atNotPositive = atNotPositive;

        /// <summary>
        /// Closes the two rents in on the clearing rent until they are at most <paramref name="width"/> apart, or a few
        /// steps have been taken. Between the rents where the supply changes, demand is mostly spend / rent, so excess
        /// demand is close to linear in 1 / rent: each step asks at the secant's root in 1 / rent, at least half the
        /// width in from either known rent, so that a root found to within that is caught between the two. The rent left
        /// behind has its weight halved each time the other moves twice running (the Illinois rule), or the secant would
        /// creep in from one side. Where the supply changes between the two (a glut's rent settles at a cash cost), the
        /// step also asks either side of that change.
        /// </summary>
        public void Narrow(ref ExcessDemand excess, double width)
        {
            if (!_known) return;
            var (wa, wb) = (_atPositive, _atNotPositive);
            var lastMoved = 0;
            for (var step = 0; step < MaxNarrowingSteps && _notPositive - _positive > width; step++)
            {
                var (a, b) = (_positive, _notPositive);
                var x = 1 / (1 / a + wa * (1 / b - 1 / a) / (wa - wb));
                x = double.IsNaN(x) ? 0.5 * (a + b) : Math.Clamp(x, a + width / 2, b - width / 2);
                if (!Ask(ref excess, x)) return;
                var moved = x == _positive ? 1 : -1;
                if (moved == 1) wa = _atPositive; else wb = _atNotPositive;
                if (moved == lastMoved)
                {
                    if (moved == 1) wb *= IllinoisCut; else wa *= IllinoisCut;
                }
                lastMoved = moved;
                // More is offered from the next cash cost above a rent short of clearing, less just below the lowest
                // cash cost a clearing rent covers.
                var after = moved == 1 ? excess.SupplyChangesAbove : excess.SupplyChangesBelow;
                var before = Math.BitDecrement(after);
                if (!Between(before) && !Between(after)) continue;
                if (!Ask(ref excess, moved == 1 ? after : before) || !Ask(ref excess, moved == 1 ? before : after)) return;
                (wa, wb, lastMoved) = (_atPositive, _atNotPositive, 0);
            }
        }

        private readonly bool Between(double rent) => rent > _positive && rent < _notPositive;

        /// <summary>Asks the book at a rent between the two known ones and moves one of them there; false, and nothing inferred from then on, if not a number.</summary>
        private bool Ask(ref ExcessDemand excess, double rent)
        {
            if (!Between(rent)) return true;
            Record(rent, excess.At(rent));
            return _known;
        }

        /// <summary>Whether excess demand is above zero at the rent: known, or asked.</summary>
        public bool Positive(ref ExcessDemand excess, double rent)
        {
            if (_known && rent <= _positive) return true;
            if (_known && rent >= _notPositive) return false;
            var at = excess.At(rent);
            Record(rent, at);
            return at > 0;
        }

        /// <summary>What the book answered at a rent: a new known rent on one side, or, if not a number, nothing inferred from then on.</summary>
        private void Record(double rent, double at)
        {
            if (double.IsNaN(at)) _known = false;
            else if (at > 0) (_positive, _atPositive) = (rent, at);
            else (_notPositive, _atNotPositive) = (rent, at);
        }
    }

    /// <summary>
    /// <see cref="SpotBook.ExcessDemand"/> for the search: the supply only changes where a rent starts or stops covering
    /// some accelerator's cash cost, so between two such costs the supply computed once is the supply, and only demand
    /// is recomputed. The supplies of the last two such stretches are kept: once the search has the clearing rent
    /// between two rents with different supplies, it asks within those two stretches alone.
    /// </summary>
    private struct ExcessDemand(SpotBook book)
    {
        private double _supply, _from = double.NaN, _to = double.NaN;
        private double _otherSupply, _otherFrom = double.NaN, _otherTo = double.NaN;

        /// <summary>The lowest rent with the supply at the rent last asked: below it, less is offered.</summary>
        public readonly double SupplyChangesBelow => _from;

        /// <summary>The rent above the one last asked at which more is offered.</summary>
        public readonly double SupplyChangesAbove => _to;

        public double At(double rent)
        {
            if (!(rent >= _from && rent < _to))
            {
                (_supply, _from, _to, _otherSupply, _otherFrom, _otherTo) = (_otherSupply, _otherFrom, _otherTo, _supply, _from, _to);
                if (!(rent >= _from && rent < _to)) _supply = book.Supply(rent, out _from, out _to);
            }
            return book.Demand(rent) - _supply;
        }
    }
}
