// SPDX-License-Identifier: MIT
// QuotaBarDelegate: the gauge comes from AccountPresenter::quotaGauge through the model (QuotaGaugeRole), so the
// fill, its band colour and the label cannot disagree. The label is drawn twice, clipped: over the fill in a colour
// chosen by the fill's luminance, over the empty track in the palette's text colour.
#include "quotabardelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

#include "accounts/accountpresenter.h"
#include "accountsmodel.h"
#include "kiro/usagelimits.h"
#include "statuscolors.h"

QColor QuotaBarDelegate::bandColor(double remainingPercent)
{
    if (remainingPercent < 0)
        return StatusColors::unknown(); // unknown
    switch (UsageLimits::bandFor(remainingPercent)) {
    case UsageLimits::Band::Green:
        return StatusColors::good();
    case UsageLimits::Band::Yellow:
        return StatusColors::warning();
    case UsageLimits::Band::Red:
        break;
    }
    return StatusColors::bad();
}

QRect QuotaBarDelegate::barRect(const QRect &cell)
{
    return cell.adjusted(4, 3, -4, -3);
}

QRect QuotaBarDelegate::fillRect(const QRect &bar, double usedPercent)
{
    const double share = qBound(0.0, usedPercent, 100.0) / 100.0;
    QRect fill = bar;
    fill.setWidth(qRound(bar.width() * share));
    return fill;
}

double QuotaBarDelegate::contrast(const QColor &a, const QColor &b)
{
    // WCAG 2 relative luminance and contrast ratio.
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor QuotaBarDelegate::textColorOn(const QColor &background)
{
    const QColor dark(0x20, 0x20, 0x20), light(Qt::white);
    return contrast(dark, background) >= contrast(light, background) ? dark : light;
}

void QuotaBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, option.widget);

    const auto gauge = index.data(AccountsModel::QuotaGaugeRole).value<AccountPresenter::QuotaGauge>();
    const QRect bar = barRect(option.rect);
    if (bar.width() <= 2 || bar.height() <= 2)
        return;
    const QRect fill = fillRect(bar, gauge.usedPercent);
    const QColor fillColor = gauge.state == AccountPresenter::QuotaGauge::State::Exhausted
                                 ? bandColor(0)
                                 : bandColor(gauge.remainingPercent);
    const QColor track = option.palette.color(QPalette::Base);
    const QColor trackText = option.palette.color(QPalette::Text);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillRect(bar, track);
    if (fill.width() > 0)
        painter->fillRect(fill, fillColor);
    QColor border = option.palette.color(QPalette::Mid);
    painter->setPen(border);
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(bar.adjusted(0, 0, -1, -1));

    const QRect textRect = bar.adjusted(4, 0, -4, 0);
    const QString text = option.fontMetrics.elidedText(gauge.text, Qt::ElideRight, textRect.width());
    painter->setFont(option.font);
    if (fill.width() > 0) {
        painter->setClipRect(fill);
        painter->setPen(textColorOn(fillColor));
        painter->drawText(textRect, Qt::AlignCenter, text);
    }
    QRect rest = bar;
    rest.setLeft(fill.width() > 0 ? fill.right() + 1 : bar.left());
    if (rest.width() > 0) {
        painter->setClipRect(rest);
        painter->setPen(trackText);
        painter->drawText(textRect, Qt::AlignCenter, text);
    }
    painter->restore();
}

QSize QuotaBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QString text = index.data(AccountsModel::QuotaTextRole).toString();
    s.setWidth(qMax(s.width(), option.fontMetrics.horizontalAdvance(text) + 24));
    s.setHeight(qMax(s.height(), option.fontMetrics.height() + 10));
    return s;
}
