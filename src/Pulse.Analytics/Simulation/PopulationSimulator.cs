using System.Globalization;

namespace Pulse.Analytics.Simulation;

/// <summary>
/// A live stream of synthetic customer interactions from a population shaped the way BG/NBD and
/// Gamma-Gamma assume: each customer buys at their own rate λ ~ Gamma(r, α), may drop out after each
/// purchase with their own probability p ~ Beta(a, b), and spends around their own level.
/// </summary>
/// <remarks>
/// <para>
/// Time is compressed: the next actor is drawn with probability proportional to their λ (an O(log n)
/// Fenwick pick), and the event is stamped <c>now</c>, so the stream is as lively as its caller paces it
/// while each customer's share of purchases stays proportional to λ. A customer who drops out emits no
/// more; a newly acquired one (a fresh id, whose first event is a signup) takes the place, so the stream
/// never dries up.
/// </para>
/// <para>Deterministic for a given seed and <see cref="SimulationOptions.RunId"/>. Not thread-safe: one caller at a time.</para>
/// </remarks>
public sealed class PopulationSimulator
{
    // Relative weights of the kinds that are not purchases; complaints, calls and refunds also
    // grow with the customer's unhappiness (see NonPurchaseWeights).
    private const double PageViewWeight = 0.50;
    private const double AddToCartWeight = 0.15;
    private const double EmailWeight = 0.05;
    private const double CallWeight = 0.025;
    private const double ChatWeight = 0.035;
    private const double ReviewWeight = 0.02;
    private const double ReferralWeight = 0.008;
    private const double HouseholdWeight = 0.004;
    private const double MentionWeight = 0.018;

    // Floor for λ so the activity tree always has a positive total; Gamma draws with r < 1 can be tiny.
    private const double MinimumPurchaseRate = 1e-9;

    private static readonly string[] NonPurchaseKinds =
    [
        EventVocabulary.PageView, EventVocabulary.AddToCart, EventVocabulary.Email, EventVocabulary.Call,
        EventVocabulary.Chat, EventVocabulary.Review, EventVocabulary.Referral, EventVocabulary.Household,
        EventVocabulary.Mention, EventVocabulary.Complaint, EventVocabulary.Refund,
    ];

    private readonly Random _random;
    private readonly SimulatedCustomer[] _customers;
    private readonly FenwickSampler _activity;
    private readonly FenwickSampler _connections;
    private readonly double[] _kindWeights = new double[NonPurchaseKinds.Length];
    private readonly string _eventIdPrefix;
    private long _sequence;
    private long _nextCustomerNumber;

    public PopulationSimulator(SimulationOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _random = new Random(seed);
        RunId = options.RunId ?? Guid.NewGuid().ToString("N")[..12];
        _eventIdPrefix = RunId + "-";

        _customers = new SimulatedCustomer[options.Customers];
        _activity = new FenwickSampler(options.Customers);
        _connections = new FenwickSampler(options.Customers);
        for (var slot = 0; slot < _customers.Length; slot++)
        {
            Place(slot, pendingSignup: false);
        }
    }

    public SimulationOptions Options { get; }

    /// <summary>The prefix of this simulator's event ids.</summary>
    public string RunId { get; }

    /// <summary>Events returned so far.</summary>
    public long EventsEmitted => _sequence;

    /// <summary>Customers who dropped out (each was replaced by a new one).</summary>
    public long DropOuts => _nextCustomerNumber - _customers.Length;

    /// <summary>The customer now in a slot, for tests.</summary>
    internal SimulatedCustomer CustomerAt(int slot) => _customers[slot];

    /// <summary>The next interaction, stamped <paramref name="now"/> (a small share slightly earlier).</summary>
    public SimulatedEvent Next(DateTimeOffset now)
    {
        var slot = _activity.Sample(_random);
        var customer = _customers[slot];
        DriftSatisfaction(customer);
        var timestamp = Stamp(now);

        if (customer.PendingSignup)
        {
            customer.PendingSignup = false;
            var channel = _random.NextBool(0.1) ? EventVocabulary.Store : Digital(customer);
            return Emit(customer, timestamp, channel, EventVocabulary.Signup);
        }

        if (_random.NextBool(Options.PurchaseShare))
        {
            return Purchase(slot, customer, timestamp);
        }

        var kind = ChooseNonPurchaseKind(customer);
        switch (kind)
        {
            case EventVocabulary.Refund:
                var refund = RefundAmount(customer.RefundableAmount!.Value);
                customer.RefundableAmount = null;
                return Emit(customer, timestamp, RefundChannel(), kind, amount: refund);

            case EventVocabulary.Referral or EventVocabulary.Household or EventVocabulary.Mention:
                var counterparty = PickCounterparty(slot);
                if (counterparty is null)
                {
                    // Nobody else to link to (a population of one): browse instead.
                    return Emit(customer, timestamp, Digital(customer), EventVocabulary.PageView);
                }

                return Emit(customer, timestamp, RelationChannel(kind, customer), kind, counterpartyId: counterparty);

            default:
                var text = TranscriptComposer.Compose(_random, kind, customer.Satisfaction);
                return Emit(customer, timestamp, Channel(kind, customer), kind, text: text);
        }
    }

    private SimulatedEvent Purchase(int slot, SimulatedCustomer customer, DateTimeOffset timestamp)
    {
        // Gamma-Gamma: each value ~ Gamma(p, ν), ν the customer's own rate.
        var value = _random.NextGamma(Options.SpendP, customer.SpendRate);
        var amount = Math.Max(0.01m, Math.Round((decimal)Math.Min(value, 1_000_000), 2, MidpointRounding.AwayFromZero));
        customer.Purchases++;
        customer.RefundableAmount = amount;
        var channel = _random.NextBool(0.15) ? EventVocabulary.Store : Digital(customer);
        var purchase = Emit(customer, timestamp, channel, EventVocabulary.Purchase, amount: amount);

        // BG/NBD: drop-out can happen only right after a purchase.
        if (_random.NextBool(customer.DropoutProbability))
        {
            Place(slot, pendingSignup: true);
        }

        return purchase;
    }

    private string ChooseNonPurchaseKind(SimulatedCustomer customer)
    {
        var unhappiness = (1 - customer.Satisfaction) / 2;
        _kindWeights[0] = PageViewWeight;
        _kindWeights[1] = AddToCartWeight;
        _kindWeights[2] = EmailWeight;
        _kindWeights[3] = CallWeight + 0.04 * unhappiness;
        _kindWeights[4] = ChatWeight;
        _kindWeights[5] = ReviewWeight;
        _kindWeights[6] = ReferralWeight * (1 - unhappiness);
        _kindWeights[7] = HouseholdWeight;
        _kindWeights[8] = MentionWeight;
        _kindWeights[9] = 0.06 * unhappiness * unhappiness;
        _kindWeights[10] = customer.RefundableAmount is null ? 0 : 0.003 + 0.03 * unhappiness * unhappiness;

        var total = 0.0;
        foreach (var w in _kindWeights)
        {
            total += w;
        }

        var target = _random.NextDouble() * total;
        for (var i = 0; i < _kindWeights.Length; i++)
        {
            target -= _kindWeights[i];
            if (target < 0 && _kindWeights[i] > 0)
            {
                return NonPurchaseKinds[i];
            }
        }

        return EventVocabulary.PageView;
    }

    private string? PickCounterparty(int slot)
    {
        if (_customers.Length < 2)
        {
            return null;
        }

        // Preferential attachment: the well connected attract more links. Newcomers who have not signed up
        // yet are not known to anyone, so they are skipped.
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var other = _connections.Sample(_random);
            if (other != slot && !_customers[other].PendingSignup)
            {
                _connections.Set(slot, _connections[slot] + 1);
                _connections.Set(other, _connections[other] + 1);
                return _customers[other].Id;
            }
        }

        return null;
    }

    private void Place(int slot, bool pendingSignup)
    {
        var number = ++_nextCustomerNumber;
        var purchaseRate = Math.Max(MinimumPurchaseRate, _random.NextGamma(Options.R, Options.Alpha));
        var dropout = _random.NextBeta(Options.A, Options.B);
        var spendRate = _random.NextGamma(Options.SpendQ, Options.SpendGamma);
        var satisfaction = Math.Clamp(
            Options.MeanSatisfaction + Options.SatisfactionSpread * _random.NextStandardNormal(), -1, 1);
        var mobileShare = _random.NextBeta(2, 3);
        var id = Options.CustomerPrefix + number.ToString(CultureInfo.InvariantCulture);

        _customers[slot] = new SimulatedCustomer(id, purchaseRate, dropout, spendRate, satisfaction, mobileShare, pendingSignup);
        _activity.Set(slot, purchaseRate);
        _connections.Set(slot, 1);
    }

    private void DriftSatisfaction(SimulatedCustomer customer)
    {
        // A slow mean-reverting walk, so a customer's mood (and sentiment trend) moves over time.
        var next = customer.Satisfaction
            + 0.05 * (customer.BaselineSatisfaction - customer.Satisfaction)
            + 0.05 * _random.NextStandardNormal();
        customer.Satisfaction = Math.Clamp(next, -1, 1);
    }

    private DateTimeOffset Stamp(DateTimeOffset now)
    {
        if (!_random.NextBool(Options.LateShare))
        {
            return now;
        }

        var seconds = _random.NextLogUniform(1, Options.MaxLateness.TotalSeconds);
        return now - TimeSpan.FromMilliseconds(Math.Floor(seconds * 1000));
    }

    private decimal RefundAmount(decimal purchase)
    {
        if (_random.NextBool(0.6))
        {
            return purchase;
        }

        var part = Math.Round(purchase * (decimal)(0.2 + 0.8 * _random.NextDouble()), 2, MidpointRounding.AwayFromZero);
        return Math.Clamp(part, 0.01m, purchase);
    }

    private string Digital(SimulatedCustomer customer) =>
        _random.NextBool(customer.MobileShare) ? EventVocabulary.Mobile : EventVocabulary.Web;

    private string Channel(string kind, SimulatedCustomer customer) => kind switch
    {
        EventVocabulary.Call => EventVocabulary.CallCentre,
        EventVocabulary.Email => EventVocabulary.EmailChannel,
        EventVocabulary.Chat => _random.NextBool(0.5) ? EventVocabulary.CallCentre : Digital(customer),
        EventVocabulary.Complaint => _random.NextDouble() switch
        {
            < 0.5 => EventVocabulary.CallCentre,
            < 0.8 => EventVocabulary.EmailChannel,
            _ => Digital(customer),
        },
        _ => Digital(customer),
    };

    private string RefundChannel() => _random.NextDouble() switch
    {
        < 0.4 => EventVocabulary.Store,
        < 0.7 => EventVocabulary.CallCentre,
        _ => EventVocabulary.Web,
    };

    private string RelationChannel(string kind, SimulatedCustomer customer) =>
        kind == EventVocabulary.Household && _random.NextBool(0.5) ? EventVocabulary.Store : Digital(customer);

    private SimulatedEvent Emit(
        SimulatedCustomer customer,
        DateTimeOffset timestamp,
        string channel,
        string kind,
        decimal? amount = null,
        string? text = null,
        string? counterpartyId = null)
    {
        var eventId = _eventIdPrefix + (++_sequence).ToString(CultureInfo.InvariantCulture);
        return new SimulatedEvent(eventId, customer.Id, timestamp, channel, kind, amount, text, counterpartyId);
    }
}
