//! Sentences built from figures of more than one source name every source they quote: "In
//! 2024, 275,000 international migrants lived in the country, 1.6 % of its population" takes
//! the migrants from UN DESA and the population from the World Bank, and says so.

use super::Builder;
use crate::model::{Arg, Text, Value};

fn values<'t>(t: &'t Text, out: &mut Vec<&'t Value>) {
    if let Text::Msg { args, .. } = t {
        for (_, a) in args {
            match a {
                Arg::Value(v) => out.push(v),
                Arg::Text(t) => values(t, out),
                _ => {}
            }
        }
    }
}

impl Builder<'_> {
    /// Cites every source of a generated sentence; a sentence whose figures come from two or
    /// more sources is followed by their names.
    pub(super) fn sourced_sentence(&mut self, t: Text) -> Text {
        let mut vs = Vec::new();
        values(&t, &mut vs);
        let mut cited: Vec<usize> = Vec::new();
        for v in vs.into_iter().cloned().collect::<Vec<Value>>() {
            for i in self.cite_value(&v) {
                if !cited.contains(&i) {
                    cited.push(i);
                }
            }
        }
        // Cited by their number in the sources annex, as body tables cite them: the annex gives
        // each source's full name and file, and the number reads the same in every language.
        let numbers: Vec<String> = cited.iter().filter(|i| self.sources.get(**i).is_some()).map(|i| format!("[{}]", i + 1)).collect();
        if numbers.len() < 2 {
            return t;
        }
        Text::msg_with("onefig-sentence-sources", vec![("sentence", Arg::Text(t)), ("sources", Arg::Text(Text::plain(numbers.join(", "))))])
    }
}
