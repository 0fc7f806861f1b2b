//! Column widths for a grid table, found as a browser's automatic table
//! layout finds them, with short columns served first: every column has a
//! minimum (its longest unbreakable unit) and a preferred width (its
//! longest line); slack goes to the columns in proportion to how much more
//! they would like, after the narrow ones (headers, numbers) have all of it.

/// Widths for columns with these `natural` (longest line) and `minimum`
/// (longest unit) widths in `room` columns: the natural widths when they
/// fit, widths adding up to exactly `room` when only the minima fit, and
/// `None` when not even those do (the table is then stacked).
pub(super) fn widths(natural: &[usize], minimum: &[usize], room: usize) -> Option<Vec<usize>> {
    if natural.iter().sum::<usize>() <= room {
        return Some(natural.to_vec());
    }
    if minimum.iter().sum::<usize>() > room {
        return None;
    }
    // A column narrower than its minimum is still given the minimum.
    let preferred: Vec<usize> = natural.iter().zip(minimum).map(|(&n, &m)| n.max(m)).collect();
    // Settled columns have their preferred width; the others share the rest.
    let mut settled: Vec<bool> = preferred.iter().zip(minimum).map(|(p, m)| p == m).collect();
    loop {
        let widths = share(&preferred, minimum, &settled, room);
        match narrow_column(&preferred, minimum, &settled, &widths, room) {
            Some(column) => settled[column] = true,
            None => return Some(widths),
        }
    }
}

/// Settled columns at their preferred width, the others at their minimum
/// plus a share of the spare room in proportion to how much more they
/// would like; what rounding leaves goes to the largest remainders.
fn share(preferred: &[usize], minimum: &[usize], settled: &[bool], room: usize) -> Vec<usize> {
    let mut widths: Vec<usize> =
        (0..preferred.len()).map(|c| if settled[c] { preferred[c] } else { minimum[c] }).collect();
    let mut open: Vec<usize> = (0..preferred.len()).filter(|&c| !settled[c]).collect();
    let spare = room.saturating_sub(widths.iter().sum());
    let wanted: usize = open.iter().map(|&c| preferred[c] - minimum[c]).sum();
    if wanted == 0 {
        return widths;
    }
    // Never more than a column would like, even when the room is larger.
    let spare = spare.min(wanted);
    let mut given = 0;
    for &c in &open {
        let share = (preferred[c] - minimum[c]) * spare / wanted;
        widths[c] += share;
        given += share;
    }
    // Each share lost less than one column to rounding, so there are fewer
    // columns left over than open columns.
    open.sort_by_key(|&c| std::cmp::Reverse((preferred[c] - minimum[c]) * spare % wanted));
    for &c in open.iter().take(spare - given) {
        widths[c] += 1;
    }
    widths
}

/// The narrowest open column that can have its preferred width, if one
/// should: the others keep their minima, and another column that can give
/// room is at least that wide now (a column as wide as this one's longest
/// line is a prose column next to it, and wraps anyway; two prose columns
/// keep sharing in proportion).
fn narrow_column(
    preferred: &[usize],
    minimum: &[usize],
    settled: &[bool],
    widths: &[usize],
    room: usize,
) -> Option<usize> {
    let mut open: Vec<usize> = (0..preferred.len()).filter(|&c| !settled[c]).collect();
    open.sort_by_key(|&c| preferred[c]);
    let taken: usize = (0..preferred.len()).filter(|&c| settled[c]).map(|c| preferred[c]).sum();
    let open_minima: usize = open.iter().map(|&c| minimum[c]).sum();
    open.iter().copied().find(|&c| {
        let fits = taken + preferred[c] + open_minima - minimum[c] <= room;
        let giver = open.iter().any(|&d| d != c && widths[d] > minimum[d] && widths[d] >= preferred[c]);
        fits && giver
    })
}
