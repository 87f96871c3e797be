// SPDX-License-Identifier: MIT
// RequestChart: a legend and the peak on top, one bar per hour (successes in the highlight colour, failures stacked in
// red above them), hour ticks in local time every 3 or 6 hours depending on the width, a tooltip per bar.
#include "requestchart.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include "statuscolors.h"

namespace {
/// A clock time in the locale's short format without seconds (the C locale's short format has them).
QString clock(const QLocale &locale, const QTime &time)
{
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss")).remove(QStringLiteral(".ss"));
    return locale.toString(time, format);
}

constexpr int kHours = 24;
constexpr int kTop = 20;    ///< legend and peak line
constexpr int kBottom = 18; ///< hour labels
constexpr int kLeft = 4;
constexpr int kRight = 4;
} // namespace

RequestChart::RequestChart(QWidget *parent)
    : QWidget(parent)
    , m_hours(kHours)
    , m_lastHourStart(RequestLog::hourStart(QDateTime::currentDateTime()))
{
    setAccessibleName(tr("Requests in the last 24 hours"));
    setMouseTracking(true);
}

QColor RequestChart::failureColour()
{
    return StatusColors::bad();
}

void RequestChart::setHours(const QList<RequestLog::HourOutcome> &hours, const QDateTime &lastHourStart)
{
    if (hours == m_hours && lastHourStart == m_lastHourStart)
        return; // same bars: no repaint
    m_hours = hours;
    m_lastHourStart = lastHourStart;
    int requests = 0;
    int failed = 0;
    for (const RequestLog::HourOutcome &h : m_hours) {
        requests += h.requests;
        failed += h.failed;
    }
    // What a screen reader says instead of the bars.
    setAccessibleDescription(
        tr("%Ln request(s) in the last 24 hours, %1 failed", nullptr, requests).arg(QLocale().toString(failed)));
    update();
}

QDateTime RequestChart::hourBegin(int index) const
{
    return m_lastHourStart.addSecs(qint64(index - (int(m_hours.size()) - 1)) * 3600);
}

QRect RequestChart::plotArea() const
{
    return rect().adjusted(kLeft, kTop, -kRight, -kBottom);
}

int RequestChart::hourAt(int x) const
{
    const QRect area = plotArea();
    if (m_hours.isEmpty() || x < area.left() || x > area.right())
        return -1;
    const int index = int(double(x - area.left()) / area.width() * m_hours.size());
    return qBound(0, index, int(m_hours.size()) - 1);
}

QString RequestChart::hourText(int index) const
{
    if (index < 0 || index >= m_hours.size())
        return {};
    const QLocale locale;
    const QDateTime begin = hourBegin(index);
    const QString span = tr("%1–%2").arg(clock(locale, begin.time()), clock(locale, begin.addSecs(3600).time()));
    const RequestLog::HourOutcome &h = m_hours.at(index);
    if (h.requests == 0)
        return tr("%1: no requests").arg(span);
    if (h.failed == 0)
        return tr("%1: %Ln request(s)", nullptr, h.requests).arg(span);
    return tr("%1: %Ln request(s), %2 failed", nullptr, h.requests).arg(span, locale.toString(h.failed));
}

bool RequestChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = hourText(hourAt(help->pos().x()));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void RequestChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    const QLocale locale;
    const QRect area = plotArea();
    const int n = int(m_hours.size());
    const double slot = n ? double(area.width()) / n : area.width();
    int peak = 0;
    for (const RequestLog::HourOutcome &h : m_hours) {
        peak = qMax(peak, h.requests);
    }

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const QFontMetrics fm(small);

    // The hour axis: a base line, a tick and a local clock label every 3 hours (6 when labels would crowd).
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    const int labelWidth = fm.horizontalAdvance(clock(locale, QTime(23, 0))) + 8;
    const int every = slot * 3 >= labelWidth ? 3 : 6;
    for (int i = 0; i < n; ++i) {
        const QDateTime begin = hourBegin(i);
        if (begin.time().hour() % every != 0)
            continue;
        const int x = area.left() + int(i * slot);
        p.setPen(pal.color(QPalette::Mid));
        p.drawLine(x, area.bottom(), x, area.bottom() + 3);
        const QString label = clock(locale, begin.time());
        QRect box(x - labelWidth / 2, area.bottom() + 3, labelWidth, kBottom - 3);
        // Keep the first and last labels inside the widget.
        box.moveLeft(qBound(0, box.left(), width() - box.width()));
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(box, Qt::AlignCenter, label);
    }

    const QRect top(area.left(), 0, area.width(), kTop - 4);
    if (peak == 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter, tr("No requests in the last 24 hours"));
        return;
    }

    // Legend on the left, the peak on the right.
    const QColor success = pal.color(QPalette::Highlight);
    const int swatch = fm.height() / 2 + 2;
    int x = top.left();
    const auto legend = [&](const QColor &colour, const QString &text) {
        p.fillRect(QRect(x, top.center().y() - swatch / 2, swatch, swatch), colour);
        x += swatch + 4;
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(x, top.top(), fm.horizontalAdvance(text) + 1, top.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   text);
        x += fm.horizontalAdvance(text) + 12;
    };
    legend(success, tr("Succeeded"));
    legend(failureColour(), tr("Failed"));
    p.setPen(pal.color(QPalette::PlaceholderText));
    const QString peakText = tr("peak %Ln per hour", nullptr, peak);
    if (x + fm.horizontalAdvance(peakText) < top.right())
        p.drawText(top, Qt::AlignRight | Qt::AlignVCenter, peakText);

    for (int i = 0; i < n; ++i) {
        const RequestLog::HourOutcome &h = m_hours.at(i);
        if (h.requests == 0)
            continue;
        // At least a pixel each, so that one failure among a thousand requests still shows.
        const double total = qMax(1.0, double(h.requests) / peak * area.height());
        const double failed = h.failed > 0 ? qMax(1.0, double(h.failed) / peak * area.height()) : 0.0;
        const double left = area.left() + i * slot + slot * 0.15;
        const double w = slot * 0.7;
        const double bottom = area.bottom();
        const QRectF ok(left, bottom - total + failed, w, total - failed);
        const QRectF bad(left, bottom - total, w, failed);
        p.fillRect(ok, success);
        if (h.failed > 0)
            p.fillRect(bad, failureColour());
    }
}
