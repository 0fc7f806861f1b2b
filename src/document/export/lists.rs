//! Reading a list's item markers back: `3.`, `c.`, `iv.` are the numbers
//! and the style an ordered list counts in; `•` and the like are bullets.

/// How an ordered list counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    Decimal,
    Lower,
    Upper,
    Roman,
}

impl Counting {
    /// HTML's `<ol type>`, for all but decimal.
    pub fn html_type(self) -> Option<&'static str> {
        match self {
            Counting::Decimal => None,
            Counting::Lower => Some("a"),
            Counting::Upper => Some("A"),
            Counting::Roman => Some("i"),
        }
    }
}

/// The first number of an ordered list and how it counts, from its items'
/// markers; `None` for a list of bullets. The builder numbers items one
/// after another (letters up to 26, roman numerals below 4000, decimal
/// beyond), so the markers must count up by one: `i.` `ii.` is roman,
/// `h.` `i.` letters; a lone `i.` is roman (one), a lone `c.` a letter.
pub fn ordered(markers: &[&str]) -> Option<(u64, Counting)> {
    let first = markers.first()?;
    [Counting::Decimal, Counting::Roman, Counting::Lower, Counting::Upper].into_iter().find_map(|counting| {
        let start = value(first, counting)?;
        let counts_up =
            markers.iter().enumerate().all(|(i, marker)| value(marker, counting) == start.checked_add(i as u64));
        let one_letter = first.chars().count() == 2;
        let lone_roman = counting == Counting::Roman && markers.len() == 1 && one_letter && start != 1;
        (counts_up && !lone_roman).then_some((start, counting))
    })
}

/// The number `marker` stands for when counting in `counting` (decimal is
/// always read: the styles go decimal where they run out).
fn value(marker: &str, counting: Counting) -> Option<u64> {
    let body = marker.strip_suffix('.')?;
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        return body.parse().ok();
    }
    match counting {
        Counting::Decimal => None,
        Counting::Lower | Counting::Upper => {
            let [letter] = body.as_bytes() else { return None };
            let base = if counting == Counting::Lower { b'a' } else { b'A' };
            letter.checked_sub(base).filter(|n| *n < 26).map(|n| u64::from(n) + 1)
        }
        Counting::Roman => roman(body),
    }
}

fn roman(numeral: &str) -> Option<u64> {
    let digit = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let digits: Vec<u64> = numeral.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) { total -= *d as i64 } else { total += *d as i64 }
    }
    u64::try_from(total).ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_read_back() {
        assert_eq!(ordered(&["•", "•"]), None);
        assert_eq!(ordered(&["1.", "2.", "3."]), Some((1, Counting::Decimal)));
        assert_eq!(ordered(&["7.", "8."]), Some((7, Counting::Decimal)));
        assert_eq!(ordered(&["i.", "ii.", "iii.", "iv."]), Some((1, Counting::Roman)));
        assert_eq!(ordered(&["h.", "i.", "j."]), Some((8, Counting::Lower)));
        assert_eq!(ordered(&["c."]), Some((3, Counting::Lower)));
        assert_eq!(ordered(&["i."]), Some((1, Counting::Roman)));
        assert_eq!(ordered(&["ii."]), Some((2, Counting::Roman)));
        assert_eq!(ordered(&["Y.", "Z.", "27."]), Some((25, Counting::Upper)));
        assert_eq!(ordered(&["mcmxciv.", "mcmxcv."]), Some((1994, Counting::Roman)));
        assert_eq!(ordered(&["1.", "•"]), None);
        assert_eq!(ordered(&["", "  "]), None);
    }
}
