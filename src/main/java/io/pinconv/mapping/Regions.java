package io.pinconv.mapping;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** State and province names to the two-letter codes Pinterest matches on (US states, DC, territories, Canada). */
final class Regions {

    private Regions() {}

    private static final String[][] NAMES = {
        {"al", "Alabama"},
        {"ak", "Alaska"},
        {"az", "Arizona"},
        {"ar", "Arkansas"},
        {"ca", "California"},
        {"co", "Colorado"},
        {"ct", "Connecticut"},
        {"de", "Delaware"},
        {"dc", "District of Columbia"},
        {"dc", "Washington DC"},
        {"fl", "Florida"},
        {"ga", "Georgia"},
        {"hi", "Hawaii"},
        {"id", "Idaho"},
        {"il", "Illinois"},
        {"in", "Indiana"},
        {"ia", "Iowa"},
        {"ks", "Kansas"},
        {"ky", "Kentucky"},
        {"la", "Louisiana"},
        {"me", "Maine"},
        {"md", "Maryland"},
        {"ma", "Massachusetts"},
        {"mi", "Michigan"},
        {"mn", "Minnesota"},
        {"ms", "Mississippi"},
        {"mo", "Missouri"},
        {"mt", "Montana"},
        {"ne", "Nebraska"},
        {"nv", "Nevada"},
        {"nh", "New Hampshire"},
        {"nj", "New Jersey"},
        {"nm", "New Mexico"},
        {"ny", "New York"},
        {"nc", "North Carolina"},
        {"nd", "North Dakota"},
        {"oh", "Ohio"},
        {"ok", "Oklahoma"},
        {"or", "Oregon"},
        {"pa", "Pennsylvania"},
        {"ri", "Rhode Island"},
        {"sc", "South Carolina"},
        {"sd", "South Dakota"},
        {"tn", "Tennessee"},
        {"tx", "Texas"},
        {"ut", "Utah"},
        {"vt", "Vermont"},
        {"va", "Virginia"},
        {"wa", "Washington"},
        {"wv", "West Virginia"},
        {"wi", "Wisconsin"},
        {"wy", "Wyoming"},
        {"as", "American Samoa"},
        {"gu", "Guam"},
        {"mp", "Northern Mariana Islands"},
        {"pr", "Puerto Rico"},
        {"vi", "US Virgin Islands"},
        {"vi", "United States Virgin Islands"},
        {"ab", "Alberta"},
        {"bc", "British Columbia"},
        {"mb", "Manitoba"},
        {"nb", "New Brunswick"},
        {"nl", "Newfoundland and Labrador"},
        {"ns", "Nova Scotia"},
        {"nt", "Northwest Territories"},
        {"nu", "Nunavut"},
        {"on", "Ontario"},
        {"pe", "Prince Edward Island"},
        {"qc", "Quebec"},
        {"qc", "Québec"},
        {"sk", "Saskatchewan"},
        {"yt", "Yukon"},
    };

    static Map<String, String> stateCodesByName() {
        Map<String, String> m = new HashMap<>();
        for (String[] n : NAMES) {
            m.put(FieldRules.lettersOnly(n[1].toLowerCase(Locale.ROOT)), n[0]);
        }
        return Map.copyOf(m);
    }
}
