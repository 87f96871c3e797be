// SPDX-License-Identifier: MIT
// QuotaChart: x is time (the last 30 days of readings up to the reset, or a day past now), y is 0 … the limit. The
// readings are a solid line, the forecast a dashed one from the last reading on.
#include "quotachart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include "accounts/accountpresenter.h"
#include "quotabardelegate.h"

namespace {
constexpr int kShownDays = 30;
constexpr int kMaxAheadDays = 31;
} // namespace

QuotaChart::QuotaChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("quotaChart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void QuotaChart::setHistory(const QList<QuotaHistory::Point> &points, const QuotaHistory::Forecast &forecast,
                            const QDateTime &resetAt, const QDateTime &now)
{
    m_points = points;
    m_forecast = forecast;
    m_resetAt = resetAt;
    m_now = now;
    const QDateTime from = now.addDays(-kShownDays);
    while (!m_points.isEmpty() && m_points.constFirst().at < from)
        m_points.removeFirst();
    update();
}

QSize QuotaChart::sizeHint() const
{
    return {360, 110};
}

QSize QuotaChart::minimumSizeHint() const
{
    return {160, 70};
}

void QuotaChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    p.fillRect(rect(), pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(rect().adjusted(0, 0, -1, -1));

    if (m_points.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 4, -8, -4), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("No quota readings yet. Each quota refresh adds one (at most one an hour)."));
        return;
    }

    const QLocale locale;
    const double limit = m_points.constLast().limit;
    const QString top = locale.toString(limit, 'f', 0);
    const int left = fm.horizontalAdvance(top) + 10;
    const QRect plot = rect().adjusted(left, fm.height() / 2 + 4, -10, -(fm.height() + 6));
    if (plot.width() < 20 || plot.height() < 20)
        return;

    const QDateTime start = m_points.constFirst().at;
    QDateTime end = m_now.addDays(1);
    if (m_resetAt.isValid() && m_resetAt > m_now)
        end = qMin(m_resetAt, m_now.addDays(kMaxAheadDays));
    else if (m_forecast.kind == QuotaHistory::Forecast::Kind::RunsOut && m_forecast.runsOutAt > m_now)
        end = qMin(m_forecast.runsOutAt, m_now.addDays(kMaxAheadDays));
    const double span = qMax<double>(3600, double(start.secsTo(end)));
    auto xOf = [&](const QDateTime &t) { return plot.left() + double(start.secsTo(t)) / span * plot.width(); };
    auto yOf = [&](double used) { return plot.bottom() - qBound(0.0, used / limit, 1.0) * plot.height(); };

    // Grid: the limit (top) and half of it; the axis labels.
    p.setPen(QPen(pal.color(QPalette::Midlight), 1));
    p.drawLine(QPointF(plot.left(), yOf(limit / 2)), QPointF(plot.right(), yOf(limit / 2)));
    p.setPen(QPen(QuotaBarDelegate::bandColor(0), 1, Qt::DashLine));
    p.drawLine(QPointF(plot.left(), yOf(limit)), QPointF(plot.right(), yOf(limit)));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(0, int(yOf(limit)) - fm.height() / 2, left - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               top);
    p.drawText(QRect(0, plot.bottom() - fm.height() / 2, left - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               locale.toString(0));
    const QRect bottomText(plot.left(), plot.bottom() + 3, plot.width(), fm.height());
    p.drawText(bottomText, Qt::AlignLeft | Qt::AlignTop, AccountPresenter::shortDay(start.toLocalTime().date()));
    p.drawText(bottomText, Qt::AlignRight | Qt::AlignTop, AccountPresenter::shortDay(end.toLocalTime().date()));

    // The reset, when it is on the chart.
    if (m_resetAt.isValid() && m_resetAt > start && m_resetAt <= end) {
        const double x = xOf(m_resetAt);
        p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    // Now.
    if (m_now > start && m_now < end) {
        const double x = xOf(m_now);
        p.setPen(QPen(pal.color(QPalette::Midlight), 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }

    const QColor line = pal.color(QPalette::Highlight);
    QPainterPath path;
    path.moveTo(xOf(m_points.constFirst().at), yOf(m_points.constFirst().used));
    for (const QuotaHistory::Point &pt : m_points)
        path.lineTo(xOf(pt.at), yOf(pt.used));
    p.setPen(QPen(line, 2));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.setBrush(line);
    p.setPen(Qt::NoPen);
    const QuotaHistory::Point &last = m_points.constLast();
    p.drawEllipse(QPointF(xOf(last.at), yOf(last.used)), 3, 3);

    // The forecast: from the last reading at the fitted pace, to where it runs out or to the chart's end.
    using Kind = QuotaHistory::Forecast::Kind;
    if ((m_forecast.kind == Kind::RunsOut || m_forecast.kind == Kind::LastsUntilReset) && m_forecast.perDay > 0) {
        const QDateTime to = m_forecast.kind == Kind::RunsOut ? qMin(m_forecast.runsOutAt, end) : end;
        const double used = last.used + m_forecast.perDay * double(last.at.secsTo(to)) / 86400.0;
        QColor dashed = m_forecast.kind == Kind::RunsOut ? QuotaBarDelegate::bandColor(0) : line;
        p.setPen(QPen(dashed, 1.5, Qt::DashLine));
        p.drawLine(QPointF(xOf(last.at), yOf(last.used)), QPointF(xOf(to), yOf(used)));
    }
}
