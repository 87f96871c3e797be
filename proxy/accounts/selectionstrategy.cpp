// SPDX-License-Identifier: MIT
// SelectionStrategy: round-robin by creation order, random, least-used, sequential-exhaust without preemption.
#include "accounts/selectionstrategy.h"

QString SelectionStrategy::name(Kind k)
{
    switch (k) {
    case Kind::RoundRobin:
        return QStringLiteral("round-robin");
    case Kind::Random:
        return QStringLiteral("random");
    case Kind::LeastUsed:
        return QStringLiteral("least-used");
    case Kind::SequentialExhaust:
        return QStringLiteral("sequential-exhaust");
    }
    return {};
}

bool SelectionStrategy::fromName(const QString &n, Kind *out)
{
    for (Kind k : all()) {
        if (name(k) == n) {
            *out = k;
            return true;
        }
    }
    return false;
}

QString SelectionStrategy::pick(Kind kind, const QList<Candidate> &available, const QStringList &ordered,
                                QString &cursor, double random)
{
    if (available.isEmpty())
        return {};
    auto isAvailable = [&available](const QString &id) {
        for (const Candidate &c : available) {
            if (c.id == id)
                return !c.knownEmpty;
        }
        return false;
    };
    switch (kind) {
    case Kind::RoundRobin: {
        // The next account after the last one served, in creation order; adding or removing accounts never
        // makes one repeat or be skipped.
        const qsizetype last = ordered.indexOf(cursor);
        for (qsizetype step = 1; step <= ordered.size(); ++step) {
            const QString &id = ordered.at((last + step + ordered.size()) % ordered.size());
            for (const Candidate &c : available) {
                if (c.id == id) {
                    cursor = id;
                    return id;
                }
            }
        }
        cursor = available.first().id;
        return cursor;
    }
    case Kind::Random: {
        const qsizetype i = qMin(available.size() - 1, qsizetype(random * double(available.size())));
        cursor = available.at(i).id;
        return cursor;
    }
    case Kind::LeastUsed: {
        const Candidate *best = &available.first();
        for (const Candidate &c : available) {
            if (c.requests < best->requests)
                best = &c;
        }
        cursor = best->id;
        return cursor;
    }
    case Kind::SequentialExhaust: {
        if (!cursor.isEmpty() && isAvailable(cursor))
            return cursor; // no preemption: stay while the current account works
        const qsizetype start = ordered.indexOf(cursor);
        for (qsizetype step = 1; step <= ordered.size(); ++step) {
            const QString &id = ordered.at((start + step + ordered.size()) % ordered.size());
            if (isAvailable(id)) {
                cursor = id;
                return id;
            }
        }
        // Only accounts believed empty remain: use the first rather than refuse (the quota cache may be stale).
        cursor = available.first().id;
        return cursor;
    }
    }
    return {};
}
