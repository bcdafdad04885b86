"""Sentence templates for decision rationales, by disputed-item kind and by role.

Roles: guide (what the guideline says), facts (what the record shows), deny (why the request
fails), approve (why it is supported). GENERIC holds sentences any kind may use, plus the
closing sentences. Slots are filled by letter.rationale_context; every template must use
only those slot names (tests/test_generate.py formats them all).
Written after the phrasing of the published letters; none is a whole letter's text.
"""

GENERIC = {
    "facts": [
        "The patient presented with {part} pain rated {pain} on VAS.",
        "{Patient} reported {part} pain rated {pain}.",
        "The documentation submitted for review indicated that {patient} has continued complaints of {part} pain.",
        "The clinical information indicated {patient} complained of continued pain of the {region}.",
        "Per the progress report dated {date}, {patient} reported {part} pain at {pain}.",
        "On {date}, {patient} presented with ongoing {part} pain rated {pain}.",
        "The most recent clinical note dated {date} documented {finding}.",
        "Physical examination on {date} revealed {finding}.",
        "The physical examination revealed {finding}.",
        "Examination of the {region} revealed {finding}.",
        "{Patient} was noted to have {dx}.",
        "{Patient} has a diagnosis of {dx}.",
        "The treating physician documented {finding}.",
        "The medical records reveal the injury is about {months} months old.",
        "{Patient} sustained a work related injury on {doi}.",
        "The injury occurred as the result of {mech}.",
        "The treatment plan was to continue with the current medication regimen.",
        "Current medications include {med_list}.",
        "The patient's current medication regimen was not provided.",
        "{Patient} is currently {work}.",
        "Treatment to date has included {prior_tx}.",
        "Prior treatment has included {prior_tx}.",
        "The records indicate {patient} has been treated with {prior_tx}.",
        "{Patient} was noted to have had prior {therapy}.",
        "The request for authorization dated {date} requested {item}.",
        "The clinical note dated {date} indicated that {patient} was not working.",
        "The note dated {date2} documents pain of {pain} without medications and {pain_lo} with medications.",
        "There was no documentation of a recent comprehensive physical examination.",
        "The submitted records are largely handwritten and partially illegible.",
        "The very limited medical record provides little information regarding {his} current functional status.",
        "As per the summary, {patient} had {prior} sessions of {therapy}.",
        "The progress report dated {date} was reviewed.",
        "{Patient} was seen in follow up on {date} for {part} pain.",
        "The provider noted that {patient} continues to have difficulty with activities of daily living.",
        "The date of injury is {doi}, and {patient} is now {age} years old.",
        "This claimant was injured in {inj_year}.",
        "As of {date}, there is {part} pain which was unchanged.",
        "There is limited {part} range of motion.",
    ],
    "deny": [
        "However, there was a lack of documentation of objective functional improvement.",
        "However, there was lack of documentation indicating the total number of sessions completed to date or any objective functional improvement.",
        "There is a lack of evidence based rationale provided by the physician as to the medical necessity for this request.",
        "There is a lack of evidence based rationale provided by the physician as to the medical necessity for this request at this time.",
        "There is a lack of evidenced rationale provided by the physician as to the medical necessity for this request.",
        "There was no indication that {patient} has trialed and failed a proper conservative course of care prior to this request.",
        "The patient has not trialed and failed a proper conservative course of care prior to this request.",
        "There was no documentation of functional improvement with prior treatment.",
        "The documentation does not establish objective functional improvement as defined by the guidelines.",
        "There is no documentation of objective, functional improvement on the current regimen.",
        "The objective functional improvement on the regimen is not documented.",
        "A key parameter to continue treatment is documentation of objective, functional improvement, which is not demonstrated in this case.",
        "There is no documentation of a significant change in symptoms or findings.",
        "The records do not provide a rationale for an exception to this guideline.",
        "The treating physician does not detail any extenuating circumstances to warrant deviation from the above guidelines.",
        "The request as submitted also failed to specify a body part for treatment.",
        "The request as submitted failed to specify a frequency or quantity.",
        "Moreover, the request failed to provide quantity.",
        "The request does not specify the duration of use.",
        "The medical necessity of the request is not established by the records provided.",
        "Medical necessity has not been established.",
        "The documentation does not support the medical necessity of the request.",
        "There are no extenuating circumstances noted.",
        "There is no documentation of a specific treatment goal.",
        "The clinical documentation submitted for review does not support the request.",
        "The provider did not document how this request would change the treatment plan.",
        "The submitted records do not establish a clear indication for the request.",
        "The medical records provided for review do not document measurable goals for this treatment.",
        "There is no clear rationale for the request in the documentation provided.",
        "It is unclear of the rationale as to why {patient} would require this at this time.",
        "Without documented improvement and explanation of rationale, there is no need for the request.",
        "The request is not supported by the guidelines under these circumstances.",
        "The guideline criteria have not been met.",
        "The guideline criteria for the request have not been met in this case.",
        "Therefore, the guideline criteria are not satisfied.",
        "The records in this case do not meet these criteria.",
        "The medical documents do not support the request at this time.",
        "Overall commentary was sparse.",
        "The attending provider failed to furnish a clear or compelling rationale for the request.",
        "The attending provider's progress note made no mention of the request.",
        "There was no discussion of how the request would impact {his} function.",
        "The request is not consistent with the guideline recommendations.",
        "Based on the clinical documentation, {patient} does not meet the guideline criteria.",
        "There was no documentation of a failure of first-line treatment.",
        "{Patient} cannot be considered as having failed conservative treatment.",
        "The patient is beyond the acute phase of injury.",
        "There was no clear documentation of improved function or reduced pain with prior treatment.",
        "The records do not indicate that {patient} has returned to work or has improved activities of daily living.",
        "There is no evidence of significant change in {his} clinical presentation since the prior review.",
    ],
    "approve": [
        "{Patient} has documented functional improvement with prior treatment.",
        "The records document objective functional improvement, including improved ability to perform activities of daily living.",
        "The treating physician has documented a reduction in pain from {pain} to {pain_lo} with treatment.",
        "There is documentation of functional improvement and a return to modified work.",
        "The medical records provide clear objective findings to support the request.",
        "The guideline criteria have been met.",
        "The request is consistent with the guideline recommendations.",
        "The request falls within the guideline recommendations.",
        "{Patient} has failed conservative treatment including {prior_tx}.",
        "The documentation supports the medical necessity of the request.",
        "The requested treatment is appropriate and consistent with the guidelines.",
        "In this case, the records establish the medical necessity for the request.",
        "The treating physician has provided a clear rationale for the request.",
        "This is supported by the documented objective findings.",
        "The provider documented improved function and decreased pain with the current regimen.",
        "Given the documented functional improvement, continuation is supported.",
        "{Patient} meets the guideline criteria for this request.",
        "There is documentation of an appropriate treatment plan with measurable goals.",
    ],
    "exceptional": [
        "There are no exceptional factors noted within the documentation which would demonstrate medical necessity for the requested treatment outside of the recommended guidelines.",
        "There are no exceptional factors noted within the documentation which would demonstrate medical necessity for the requested treatment outside of the recommended guidelines.",
        "There are no exceptional factors noted within the documentation which would demonstrate medical necessity for the requested treatment outside of the recommended guidelines.",
        "There were no exceptional factors noted within the documentation which would demonstrate medical necessity for the requested treatment outside of the recommended guidelines.",
        "There were no exceptional factors noted that would warrant exceeding the guideline recommendation.",
        "There was lack of clinical documentation or exceptional factors to support the request outside of the guidelines.",
        "When treatment duration and/or number of visits exceeds the guideline, exceptional factors should be noted.",
        "Moreover, there were no exceptional factors to warrant continued use outside guidelines.",
        "No exceptional factors were documented to support a variance from the guidelines.",
    ],
    "conclude_deny": [
        "Given the above, the request for {item} is not medically necessary.",
        "Given the above, the request is not medically necessary.",
        "As such, the request is not medically necessary.",
        "As such, the request is not medically necessary.",
        "As such, the request is not medically necessary.",
        "As such, the request for {item} is not medically necessary.",
        "Based on the above, the request is not medically necessary.",
        "Based on the above, the request is not medically necessary.",
        "Therefore, the request is not medically necessary.",
        "Therefore, the request for {item} is not medically necessary.",
        "Therefore, the request for {item} is determined to be not medically necessary.",
        "Therefore, the request was not medically necessary.",
        "The request is not medically necessary.",
        "The request for {item} is not medically necessary.",
        "The request for {item} is not medically necessary and appropriate.",
        "Thus the current request is not medically necessary.",
        "Therefore, the request is considered not medically necessary.",
        "Consequently, the request for {item} is not medically necessary.",
        "In light of the above, the request for {item} is not medically necessary.",
        "Accordingly, the request is not medically necessary.",
        "It is deemed that the request for {item} is not medically necessary, based on the records provided.",
        "The medical necessity of the request for {item} is not established.",
        "Without further indication, the request for {item} is not medically necessary per the guidelines.",
        "This request is not medically necessary.",
        "Hence, the request is not medically necessary.",
        "The requested {item} is therefore not medically necessary.",
        "Medical necessity of the requested {item} has not been established, and the request is not medically necessary.",
    ],
    "conclude_approve": [
        "Therefore, the request for {item} is medically necessary.",
        "Therefore, the request is medically necessary.",
        "As such, the request is medically necessary.",
        "As such, the request for {item} is medically necessary.",
        "Given the above, the request for {item} is medically necessary.",
        "Based on the above, the request is medically necessary.",
        "The request for {item} is medically necessary.",
        "The request for {item} is medically necessary and appropriate.",
        "It is deemed that the request for {item} is medically necessary based on the records provided.",
        "Medical necessity for the requested {item} has been established.",
        "Accordingly, the request is medically necessary.",
        "This request is medically necessary.",
        "Thus, the request for {item} is medically necessary.",
    ],
    # The closing the 2016 opioid guideline made common for opioid decisions that were upheld.
    "opioid_disclaimer": [
        "This decision addresses the medical necessity of opioids as they have been prescribed to this {worker}. "
        "This medical necessity decision should not be interpreted as a recommendation to stop long-term opioids abruptly and the {worker} is advised to speak with their treating physician. "
        "The treating physician and the {worker} are advised to consult the MTUS Opioids Treatment Guidelines (\"Tapering opioids\"), and if necessary, other relevant guidelines, regarding the most appropriate method for weaning and terminating opioids for this {worker}.",
    ],
    "surg_denied": [
        "As the requested surgical intervention is not medically necessary per the documentation, the requested ancillary service is not medically necessary.",
        "As the requested surgical intervention is not medically necessary per the documentation, the requested ancillary service is not medically necessary.",
        "As the concurrent request for {surgery} is not supported, the associated request is also not supported.",
        "Since the primary procedure is not medically necessary, none of the associated services are medically necessary.",
        "The requested surgery has not been found to be medically necessary; therefore, the associated service is not needed.",
    ],
    "surg_approved": [
        "The concurrent request for {surgery} has been found to be medically necessary.",
        "As the requested surgical intervention is medically necessary, the associated service is appropriate.",
        "Based on the clinical notes provided, the concurrent request for surgery is supported.",
        "The requested surgery is supported; therefore, the associated service is medically necessary.",
    ],
}

KIND = {
    "opioid": {
        "guide": [
            "{cite} recommend continued use of opioid medications with documented evidence of meaningful improvement in pain level, pain interference and function, as well as documentation of any side effects and/or aberrant behavior.",
            "{cite} recommend screening for risk of addiction or adverse events, prior to chronic opioid treatment.",
            "{cite} state that ongoing review and documentation of pain relief, functional status, appropriate medication use, and side effects should be performed.",
            "{cite} recommend the 4 A's for ongoing monitoring: analgesia, activities of daily living, adverse side effects, and aberrant drug taking behaviors.",
            "{cite} do not recommend the use of opioid pain medications, in general, for the management of chronic pain.",
            "[post] {cite} recommend opioid use for a limited duration for postoperative pain management.",
            "{cite} state opioids should be discontinued if there is no overall improvement in function, unless there are extenuating circumstances.",
            "{cite} recommend that the lowest possible dose be prescribed to improve pain and function.",
            "According to {cite_l}, opioids for chronic back pain appear to be efficacious but limited for short-term pain relief, and long-term efficacy is unclear.",
            "{cite} recommend that dosing not exceed 120 mg oral morphine equivalents per day, and for patients taking more than one opioid, the morphine equivalent doses of the different opioids must be added together.",
            "{cite} recommend semiannual attempts to wean to lower than 80 mg/day MED in patients whose dose is above 80 mg/day MED.",
            "{cite} discourage the use of chronic opioids for back pain due to probable lack of efficacy.",
            "Per {cite_l}, a satisfactory response to treatment may be indicated by the patient's decreased pain, increased level of function, or improved quality of life.",
            "{cite} note that tapering should be considered when opioids have been ineffective, when serious adverse events have occurred, or when aberrant behaviors have occurred.",
            "{cite} recommend that the CURES database be checked prior to prescribing and periodically thereafter.",
            "{cite} indicate that {drug} is not recommended as a first line oral analgesic.",
            "{cite} discuss in detail the 4 As of opioid management, emphasizing the importance of dose titration vs. functional improvement.",
        ],
        "facts": [
            "The clinical information indicated {patient} has been using {drug} since at least {since}.",
            "Treatment has been {drug} since at least {since}.",
            "{Patient} has been prescribed {drug} for an extended period of time.",
            "The documentation indicated {patient} was taking {drug} for {part} pain.",
            "The most recent urine drug screen dated {date2} was consistent with the prescribed medications.",
            "A signed opioid agreement was noted in the records.",
            "{Patient} reported pain of {pain} without medications and {pain_lo} with medications.",
            "[oxycontin|ms contin|methadone|opana|oxycodone|hydromorphone|fentanyl] The calculated morphine equivalent dose exceeds 120 mg per day.",
            "{Drug} was used since at least {since} without documentation of functional improvement or return to work.",
            "{Patient} was recently started on {drug} on {date}.",
        ],
        "deny": [
            "However, there is a lack of documentation with quantified evidence of numerical pain relief and increased function with prior use of the medication to warrant continuation.",
            "In addition, there was a lack of documentation, such as a recent urine drug screen, demonstrating continued monitoring and compliance of medication regimen to support continuation.",
            "A screening for risk of addiction was also not completed.",
            "There was no indication {patient} has trialed and failed non-opioid analgesics prior to this request.",
            "Additionally, the CURES database was not checked, and the results documented.",
            "There is no objective documentation of pain and functional improvement to justify continuous use of {drug}.",
            "The records in this case do not meet these 4As of opioid management.",
            "There is no documentation of an updated and signed pain contract.",
            "There was no documentation of side effects or aberrant drug taking behavior.",
            "The treating physician fails to document failure of other treatment methods or a comprehensive screening evaluation.",
            "{Patient} remains off work, and there is no evidence of improved function with the use of {drug}.",
            "The request fails the criteria for continued opioid use.",
            "Weaning is recommended given the absence of documented functional benefit.",
        ],
        "approve": [
            "{Patient} reported a reduction in pain from {pain} to {pain_lo} with the use of {drug} and improved ability to perform activities of daily living.",
            "The records document a current opioid agreement, a recent urine drug screen consistent with the prescribed medications, and a CURES review.",
            "There was no evidence of aberrant drug-taking behavior or adverse side effects.",
            "[post] Given that the medication is being prescribed in the immediate postoperative time period, the request is reasonable.",
            "The treating physician has documented the 4 A's of opioid management at each visit.",
            "{Patient} has returned to work on modified duty with the current regimen.",
        ],
    },
    "nsaid": {
        "guide": [
            "{cite} indicate that non-steroidal anti-inflammatory drugs are recommended for short term symptomatic relief of low back pain.",
            "{cite} state that NSAIDs are recommended at the lowest dose for the shortest period in patients with moderate to severe pain.",
            "{cite} state that anti-inflammatories are the traditional first line of treatment, to reduce pain so activity and functional restoration can resume, but long-term use may not be warranted.",
            "It is generally recommended that the lowest effective dose be used for all non-steroidal anti-inflammatory drugs for the shortest duration of time consistent with the individual patient treatment goals.",
            "{cite} state that NSAIDs are recommended for use with precautions against both gastrointestinal and cardiac risks from use.",
            "Guidelines indicate that there is inconsistent evidence for the use of these medications to treat long-term neuropathic pain, but they may be useful to treat breakthrough pain in conditions such as osteoarthritis.",
            "{cite} recommend NSAIDs as first-line treatment for chronic musculoskeletal pain.",
            "[diclofenac|voltaren|arthrotec] {odg} state that diclofenac is not recommended as first line due to increased risk profile.",
            "{cite} recommend that patients should have had an initial therapy of acetaminophen for mild to moderate pain.",
            "[celebrex|meloxicam|mobic|naproxen|ibuprofen|motrin] NSAIDs are indicated for osteoarthritis including knee and hip.",
        ],
        "facts": [
            "{Patient} was provided a prescription for {drug}.",
            "{Patient} has been taking {drug} since at least {since}.",
            "{Patient} is taking {drug} with improvement in pain.",
            "The patient's previous medication for pain was noted to be acetaminophen.",
            "There was no documentation of hypertension or renal dysfunction.",
        ],
        "deny": [
            "However, there was no indication {patient} was diagnosed with osteoarthritis to support the requested medication.",
            "However, there was lack of clinical documentation for short-term use of NSAIDs as they have increased cardiovascular and hepatic risk factors.",
            "The treating physician does not document failure of primary (Tylenol) treatment.",
            "{Patient} has been on {drug} for at least several months, which does not appear to be the shortest duration possible.",
            "There was no documentation of periodic laboratory monitoring of renal and hepatic function.",
            "There is no documentation of decreased pain or improved function with the use of this medication.",
        ],
        "approve": [
            "{Drug} is prescribed for a one month period for an injury in the subacute management phase.",
            "The records support chronic use with physician monitoring of effectiveness and side effects, as is documented in this case.",
            "{Patient} has documented pain relief and improved function with the use of {drug}.",
            "The use of this medication is consistent with the recommendation for short-term symptomatic relief.",
        ],
    },
    "relaxant": {
        "guide": [
            "{cite} recommend muscle relaxants as a second line option for the short term treatment of acute low back pain and their use is recommended for less than 3 weeks.",
            "[cyclobenzaprine|flexeril|fexmid] {cite} recommend cyclobenzaprine using a short course of therapy. This medication is not recommended for longer than 2 to 3 weeks.",
            "{cite} recommend non-sedating muscle relaxants with caution as a second-line option for short-term treatment of acute exacerbations in patients with chronic low back pain.",
            "{cite} recommend muscle relaxants to reduce pain and muscle tension and improve mobility.",
            "{cite} state that muscle relaxants may be effective in reducing pain and muscle tension, and increasing mobility; however, in most cases they show no benefit beyond NSAIDs.",
            "[carisoprodol|soma] {cite} do not recommend carisoprodol, as it is not indicated for long-term use.",
            "{cite} state that efficacy appears to diminish over time, and prolonged use of some medications in this class may lead to dependence.",
            "[cyclobenzaprine|flexeril|fexmid] {cite} note that the addition of cyclobenzaprine to other agents is not recommended.",
        ],
        "facts": [
            "The clinical information indicated that {patient} has been using muscle relaxants since at least {since}.",
            "The treatment plan was to continue with the {drug}.",
            "On {date}, {patient} was provided {drug} due to muscle spasms found on physical examination.",
            "The physical examination revealed continued muscle spasms.",
            "Physical exam revealed no evidence of acute muscle spasms.",
        ],
        "deny": [
            "However, there was a lack of acute muscle spasm noted on physical examination to support ongoing use.",
            "However, there was evidence that {patient} has been on this medication since at least {since}, exceeding the guideline recommendation for short term use.",
            "The request for quantity {n} exceeds the recommended guidelines.",
            "This medication is only recommended for a short course.",
            "There does not appear to be the type of improvement in pain, muscle tension reduction, and functionality that would warrant long term use.",
            "The treating physician does not establish the need based on the guidelines for long term/chronic usage of {generic}.",
            "There is a lack of documentation with quantified evidence of numerical pain relief, increased function, and decreased muscle tension with prior use of the medication to warrant continuation.",
            "There is no clear rationale for the medication as {patient} was previously using another muscle relaxant.",
        ],
        "approve": [
            "{Patient} has an acute exacerbation with documented muscle spasm, and a short course is appropriate.",
            "The quantity requested is consistent with a short course of treatment.",
            "The records document decreased muscle spasm and improved function with the medication.",
        ],
    },
    "topical": {
        "guide": [
            "{cite} state that topical analgesics are largely experimental in use with few randomized controlled trials to determine efficacy or safety and are primarily recommended for neuropathic pain when trials of antidepressants and anticonvulsants have failed.",
            "{cite} state that any compounded product that contains at least one drug or drug class that is not recommended is not recommended.",
            "[lido] {cite} state that the only recommended topical formulation of lidocaine is in the form of the Lidoderm patch.",
            "[lido] {cite} recommend topical lidocaine for localized peripheral pain after there has been evidence of a trial of first-line therapy such as gabapentin or an antidepressant.",
            "[voltaren|flector|pennsaid|flurbiprofen|ketoprofen] Topical NSAIDs are recommended for short-term use (4-12 weeks) for osteoarthritis and tendinitis of the knee, elbow, and other joints that are amenable to topical treatment.",
            "[voltaren|flector|pennsaid|flurbiprofen|ketoprofen] There is little evidence to utilize topical NSAIDs for treatment of osteoarthritis of the spine, hip or shoulder.",
            "[capsaicin|lidopro] {cite} recommend capsaicin only as an option in patients who have not responded or are intolerant to other treatments.",
            "[gabapentin] {cite} state that gabapentin is not recommended for topical use, as there is no peer-reviewed literature to support it.",
            "[cyclobenzaprine] {cite} state that there is no evidence for use of any other muscle relaxant as a topical product.",
            "[voltaren|flector|pennsaid|flurbiprofen|ketoprofen] Topical NSAIDs are considered particularly useful for individuals unable to tolerate oral administration, or for whom it is contraindicated.",
        ],
        "facts": [
            "[cream] The requested cream contains {generic}.",
            "The treatment plan was to continue with the {drug}.",
            "The documentation indicates {patient} has continued complaints of pain.",
            "{Patient} has complaints of {part} pain but not arthritis or tendonitis.",
            "[lidopro|ointment] The requested ointment contains lidocaine.",
        ],
        "deny": [
            "However, there is no evidence that {patient} had failed a first-line trial of oral medications.",
            "There was no clear rationale as to why {patient} required topical medications versus oral medications.",
            "There was no indication that {patient} was intolerant to oral medication.",
            "There was a lack of subjective complaints of neuropathic pain and adequate documentation regarding failure of antidepressants or anticonvulsants.",
            "[%|cream] Given that the requested medication is a compounded product containing at least one ingredient that is not recommended, its usage is not supported.",
            "There is no indication that {patient} had previously tried and failed first-line therapy prior to the request.",
            "The request does not specify the body part to which it is to be applied.",
            "The injury is not an acute sprain or strain.",
        ],
        "approve": [
            "{Patient} has localized neuropathic pain and has failed trials of gabapentin and an antidepressant.",
            "{Patient} has knee osteoarthritis and is unable to tolerate oral NSAIDs due to gastrointestinal upset.",
            "The records document decreased pain and improved function with the use of the patch.",
        ],
    },
    "gi": {
        "guide": [
            "[prazole|prilosec|protonix|nexium|ranitidine|famotidine|duexis] {cite} state proton pump inhibitors are recommended for patients at intermediate or high risk for gastrointestinal events.",
            "[prazole|prilosec|protonix|nexium|ranitidine|famotidine] Patients with no risk factor and no cardiovascular disease do not require the use of a proton pump inhibitor.",
            "[colace|docusate|senokot|linzess|movantik] {cite} recommend laxatives for opioid-induced constipation treatment if an opioid will be needed for more than a few days.",
            "[prazole|prilosec|protonix|nexium|ranitidine|famotidine] Risk factors for gastrointestinal events include age over 65 years, a history of peptic ulcer, GI bleeding or perforation, concurrent use of ASA, corticosteroids, and/or an anticoagulant, or high dose/multiple NSAID use.",
            "[ondansetron|zofran] {odg} do not recommend ondansetron for nausea and vomiting secondary to chronic opioid use.",
            "[prazole|prilosec|protonix|nexium] {cite} state that long-term PPI use (more than 1 year) has been shown to increase the risk of hip fracture.",
            "[colace|docusate|senokot|linzess|movantik] Simple treatments can also include increasing physical activity, maintaining appropriate hydration, and advising the patient to follow a fiber rich diet.",
        ],
        "facts": [
            "[prazole|prilosec|protonix|nexium|ranitidine|famotidine] {Patient} is taking {drug} for gastric protection.",
            "The treatment plan was to continue with the current medication regimen.",
            "{Patient} is not currently taking an NSAID.",
            "{Patient} reported occasional dyspepsia.",
        ],
        "deny": [
            "[prazole|prilosec|protonix|nexium|ranitidine|famotidine] However, there was a lack of subjective complaints of gastrointestinal events to support ongoing use.",
            "There was also lack of clinical documentation that {patient} had gastrointestinal issues or complaints on exam or had dyspepsia secondary to NSAID use.",
            "There was also lack of a gastrointestinal and cardiovascular risk assessment for review.",
            "{Patient} does not meet any of the risk factors for gastrointestinal events.",
            "As the concurrent NSAID is not supported, the continued need for {drug} is not established.",
            "[colace|docusate|senokot|linzess|movantik] There is no documentation of opioid-induced constipation.",
        ],
        "approve": [
            "[prazole|prilosec|protonix|nexium|ranitidine|famotidine] {Patient} has a documented history of gastritis while taking NSAIDs.",
            "[prazole|prilosec|protonix|nexium|ranitidine|famotidine] {Patient} is over 65 years of age and is taking a high dose NSAID, placing {him} at intermediate risk for gastrointestinal events.",
            "[colace|docusate|senokot|linzess|movantik] Given that {patient} is to be treated with opioid medication, a laxative would benefit {him} when opioid medication will be utilized for pain control.",
        ],
    },
    "anticonvulsant": {
        "guide": [
            "{cite} recommend anti-epilepsy drugs for neuropathic pain due to nerve damage.",
            "[gabapentin|neurontin|gralise] {cite} state that gabapentin has been shown to be effective for treatment of diabetic painful neuropathy and postherpetic neuralgia and has been considered as a first-line treatment for neuropathic pain.",
            "A good response to the use of AEDs has been defined as a 50% reduction in pain, and a moderate response as a 30% reduction.",
            "{cite} state that after initiation of treatment there should be documentation of pain relief and improvement in function as well as documentation of side effects incurred with use.",
            "{cite} state that there is a lack of evidence to demonstrate that AEDs significantly reduce the level of myofascial or other sources of somatic pain.",
            "[lyrica|pregabalin] Pregabalin is FDA approved for diabetic neuropathy, postherpetic neuralgia, and fibromyalgia.",
        ],
        "facts": [
            "{Patient} has been taking {drug} since at least {since}.",
            "{Patient} reported radiating pain with numbness and tingling.",
            "There was no documentation of neuropathic pain on examination.",
        ],
        "deny": [
            "There was no documentation of at least a 30% reduction in pain with the use of {drug}.",
            "The records do not document a neuropathic pain condition for which this medication is indicated.",
            "There is no documentation of side effects or of improvement in function with the medication.",
        ],
        "approve": [
            "{Patient} has documented radicular symptoms and reported a greater than 30% reduction in pain with {drug}.",
            "The records document neuropathic pain with objective findings of radiculopathy.",
            "Continued use is appropriate given the documented response.",
        ],
    },
    "antidepressant": {
        "guide": [
            "{cite} recommend antidepressants as a first line option for neuropathic pain, and as a possibility for non-neuropathic pain.",
            "[amitriptyline|nortriptyline] Tricyclics are generally considered a first-line agent unless they are ineffective, poorly tolerated, or contraindicated.",
            "{cite} recommend assessment of treatment efficacy including not only pain outcomes, but also an evaluation of function, changes in use of other analgesic medication, sleep quality and duration, and psychological assessment.",
            "[duloxetine|cymbalta] Duloxetine is FDA-approved for anxiety, depression, diabetic neuropathy, and fibromyalgia.",
            "{odg} recommend antidepressants for initial treatment of presentations of Major Depressive Disorder that are moderate, severe, or psychotic.",
        ],
        "facts": ["{Patient} has diagnoses of depression and chronic pain.", "{Patient} has been taking {drug} since at least {since}."],
        "deny": [
            "There was no documentation of an assessment of treatment efficacy including function, sleep quality, or psychological status.",
            "There is no documentation of a diagnosis of neuropathic pain or depression for which the medication is indicated.",
        ],
        "approve": [
            "{Patient} has documented improvement in mood, sleep and function with {drug}.",
            "The medication is indicated for the documented neuropathic pain and depressive symptoms.",
        ],
    },
    "sleep": {
        "guide": [
            "[zolpidem|ambien] {odg} state that zolpidem is a prescription short-acting nonbenzodiazepine hypnotic, which is approved for the short-term (usually two to six weeks) treatment of insomnia.",
            "{odg} recommend that treatment of insomnia be based on the etiology, and pharmacological agents should only be used after careful evaluation of potential causes of sleep disturbance.",
            "The specific component of insomnia should be addressed: sleep onset, sleep maintenance, sleep quality, and next-day functioning.",
            "Pain specialists rarely, if ever, recommend sleep medications for long-term use.",
            "{odg} state that failure of sleep disturbance to resolve in a 7 to 10 day period may indicate a psychiatric and/or medical illness.",
        ],
        "facts": ["{Patient} reported difficulty sleeping due to pain.", "{Patient} has been taking {drug} since at least {since}."],
        "deny": [
            "There was no documentation of a sleep evaluation or of the specific components of insomnia.",
            "There is no documentation of improvement in sleep onset, maintenance or next-day functioning with the medication.",
            "The medication has been used beyond the recommended short-term period.",
            "There is no documentation of sleep hygiene measures.",
        ],
        "approve": ["{Patient} has a documented insomnia evaluation and a short course is appropriate.",
                    "The records document improved sleep and next-day function with a short course of the medication."],
    },
    "benzo": {
        "guide": [
            "{cite} do not recommend benzodiazepines for long-term use because long-term efficacy is unproven and there is a risk of dependence.",
            "Most guidelines limit use to 4 weeks.",
            "Tolerance to hypnotic or anxiolytic effects is common, and long-term use may actually increase rather than decrease anxiety.",
            "Benzodiazepines are rarely a treatment of choice in a chronic condition.",
            "Chronic benzodiazepines are the treatment of choice in very few conditions.",
        ],
        "facts": ["{Patient} has been using {drug} since at least {since}.", "{Patient} reported anxiety related to chronic pain."],
        "deny": [
            "The medication has been prescribed beyond the recommended 4 week period.",
            "There is no documentation of a plan to taper the medication.",
            "The concurrent use of benzodiazepines and opioids increases the risk of respiratory depression.",
        ],
        "approve": ["The request is for a short course to allow for a taper.", "A brief course is appropriate for the documented acute anxiety."],
    },
    "medfood": {
        "guide": [
            "[theramine|sentra|trepadone|gabadone|glucosamine] {odg} state that medical food is a food which is formulated to be consumed or administered enterally under the supervision of a physician and which is intended for the specific dietary management of a disease or condition for which distinctive nutritional requirements are established.",
            "[theramine] {odg} do not recommend Theramine for the treatment of chronic pain.",
            "[suspension] There is no high quality peer-reviewed literature that suggests that oral suspension formulations are superior to the tablet formulations.",
            "{cite} do not address this medication.",
            "Over the counter formulations are recommended for an equivalent clinical efficacy and significant cost savings.",
        ],
        "facts": ["{Patient} was provided a prescription for {drug}.", "The request is for {drug}."],
        "deny": [
            "[suspension] However, there was lack of clinical documentation indicating {patient} was not able to utilize oral capsules or tablets.",
            "[theramine|sentra|trepadone|gabadone|vitamin] There is no documentation of a specific nutritional deficiency requiring a medical food.",
            "[suspension] There is no rationale as to why {patient} would require an oral suspension.",
        ],
        "approve": ["[suspension] {Patient} has documented dysphagia and is unable to take oral tablets."],
    },
    "othermed": {
        "guide": [
            "[sumatriptan|imitrex] {odg} recommend triptans for migraine sufferers.",
            "[fioricet] {odg} do not recommend barbiturate-containing analgesic agents for chronic pain.",
            "[narcan] {odg} recommend naloxone for patients at risk of opioid overdose.",
            "[medrol|prednisone] {odg} recommend oral corticosteroids in limited circumstances for acute radicular pain.",
            "[acetaminophen] {cite} recommend acetaminophen for treatment of chronic pain and acute exacerbations of chronic pain.",
            "The use of this medication is not addressed by the MTUS.",
        ],
        "facts": ["{Patient} was prescribed {drug}.", "[sumatriptan|imitrex|fioricet] {Patient} reported headaches several times per week."],
        "deny": [
            "The records do not document a diagnosis for which this medication is indicated.",
            "There is no documentation of the efficacy of the medication.",
            "The relationship of the condition being treated to the industrial injury is not established.",
        ],
        "approve": ["The records document a diagnosis for which the medication is indicated.", "{Patient} has a documented response to the medication."],
    },
    "pt": {
        "guide": [
            "{cite} recommend physical therapy for restoring flexibility, strength, endurance, function, range of motion, and alleviate discomfort.",
            "According to {cite_l}, physical medicine may be recommended in the treatment of unspecified neuralgia, neuritis, and radiculitis at 8-10 visits over 4 weeks or unspecified myalgia and myositis at 9-10 visits over 8 weeks in order to promote functional improvement.",
            "Guidelines also state patients are instructed and expected to continue active therapies at home as an extension of the treatment process in order to maintain improvement levels and continued visits are contingent upon objective improvement.",
            "In addition, active therapies are recommended over passive therapies.",
            "Physical medicine encompasses interventions that are within the scope of various practitioners (including Physical Therapy, Occupational Therapy, Chiropractic, and MD/DO).",
            "Passive therapy (those treatment modalities that do not require energy expenditure on the part of the patient) is not indicated for addressing chronic pain in most instances.",
            "Active therapy is based on the philosophy that therapeutic exercise and/or activity are beneficial for restoring flexibility, strength, endurance, function, range of motion, and can alleviate discomfort.",
            "Active therapy requires an internal effort by the individual to complete a specific exercise or task.",
            "{odg} allow for fading of treatment frequency (from up to 3 visits per week to 1 or less), plus active self-directed home PT.",
            "Patients should be formally assessed after a six visit clinical trial to see if the patient is moving in a positive direction, no direction or negative direction prior to continuing with physical therapy.",
            "[aquatic] {cite} recommend aquatic therapy as an optional form of exercise therapy, where available, as an alternative to land-based physical therapy, specifically where reduced weight bearing is desirable.",
            "[massage] {cite} recommend massage therapy as an option, but it should be an adjunct to other recommended treatment and should be limited to 4-6 visits in most cases.",
            "The use of active treatment modalities instead of passive treatments is associated with substantially better clinical outcomes.",
            "{cite} support {rec}.",
            "Myalgia and myositis warrant 9-10 visits over 8 weeks.",
            "Home exercise can include exercise with or without mechanical assistance or resistance and functional activities with assistive devices.",
        ],
        "facts": [
            "{Patient} was noted to have had prior physical therapy.",
            "{Patient} has completed {prior} sessions of {therapy} to date.",
            "{Patient} was authorized an initial trial of 6 sessions by the previous reviewer.",
            "The progress report dated {date} indicated that {patient} completed {prior} physical therapy treatments.",
            "{Patient} has completed a full course of physical therapy already.",
            "The therapy note dated {date2} documented improved range of motion.",
            "Treatment has included at least {prior} sessions of physical therapy.",
        ],
        "deny": [
            "There was also lack of a clear rationale for additional monitored therapy over {patient} being well versed in a home exercise program.",
            "The requested amount of therapy is in excess of the guideline recommendations.",
            "There is no objective explanation why {patient} would need excess physical therapy and not be transitioned to active self-directed physical medicine.",
            "Additional therapy is contingent upon patient response to treatment.",
            "Medical necessity for additional therapy is not substantiated at this time.",
            "The request for {n} sessions exceeds the guideline recommendations.",
            "{Patient} should have been taught a home exercise program to continue.",
            "Functional improvement should be documented after six sessions.",
            "The combined total of prior and requested sessions exceeds the guideline recommendation of {rec}.",
            "There was no documentation of the objective functional gains made with the prior therapy.",
            "[aquatic] There was no documentation that {patient} requires reduced weight bearing to warrant aquatic therapy.",
        ],
        "approve": [
            "The requested number of sessions is within the guideline recommendations.",
            "{Patient} has not had prior physical therapy for this injury, and an initial trial is appropriate.",
            "The records document objective functional gains with prior therapy, including improved range of motion and strength.",
            "The request is for an initial course of therapy within the recommended number of visits.",
            "The records document continued functional deficits that would be expected to improve with therapy.",
        ],
    },
    "chiro": {
        "guide": [
            "{cite} recommend manual therapy and manipulation for chronic pain if caused by musculoskeletal conditions.",
            "{cite} state that manual therapy and manipulation is recommended for chronic pain if caused by musculoskeletal conditions and only when manipulation is specifically recommended by the provider in the plan of care.",
            "[lumbar|low back|spinal|chiropractic care|additional chiro] For low back pain, a trial of 6 visits over 2 weeks is recommended, with evidence of objective functional improvement, a total of up to 18 visits over 6-8 weeks.",
            "[ankle|foot|wrist|hand|knee] Manipulation is not recommended for the ankle and foot, carpal tunnel syndrome, the forearm, wrist, and hand, or the knee.",
            "Elective or maintenance care is not medically necessary.",
            "For recurrences or flare-ups, there is a need to reevaluate treatment success; if return to work is achieved, then 1-2 visits every 4-6 months.",
            "The guidelines recommend up to 10 visits of chiropractic treatment.",
        ],
        "facts": [
            "The documentation submitted for review indicated that {patient} was previously treated with chiropractic treatment.",
            "{Patient} has had previously been approved for {prior} sessions of manipulative therapy.",
            "The chiropractic re-examination dated {date} documented continued pain.",
        ],
        "deny": [
            "However, there was a lack of documentation regarding an objective improvement in function with the prior usage of chiropractic treatment.",
            "The requested {n} sessions exceeds the guideline recommendation.",
            "The guidelines do not support multiple physical modalities being performed concurrently.",
            "The request is for maintenance care, which is not recommended.",
            "[ankle|foot|wrist|hand|knee] Manipulation is not recommended for the body part requested.",
        ],
        "approve": [
            "The request is for an initial trial of 6 visits, which is consistent with the guidelines.",
            "{Patient} had documented functional improvement with prior manipulation and has a recurrence of symptoms.",
        ],
    },
    "acupuncture": {
        "guide": [
            "{cite} recommend acupuncture as an option when pain medication is reduced or not tolerated, and may be used as an adjunct to physical rehabilitation, and/or surgical intervention to hasten functional recovery.",
            "The time to produce functional improvement is 3 to 6 treatments, with a frequency of 1 to 3 times per week and an optimum duration of 1 to 2 months.",
            "Acupuncture treatments may be extended if functional improvement is documented as defined in Section 9792.20(e).",
            "The guidelines recommend 3 to 6 treatments to produce functional improvement.",
            "Frequency and duration of acupuncture or acupuncture with electrical stimulation may be performed as follows: time to produce functional improvement: 3 to 6 treatments.",
        ],
        "facts": [
            "{Patient} has completed {prior} sessions of acupuncture.",
            "The current medication regimen was not provided.",
            "{Patient} is undergoing physical therapy concurrently.",
        ],
        "deny": [
            "There was no indication that pain medication is being reduced or not tolerated to warrant the requested treatment.",
            "Additionally, the request for an initial {n} sessions exceeds the recommended guidelines.",
            "There was a lack of documentation of objective improvement in function with the prior acupuncture sessions.",
            "There was no documentation that acupuncture would be used as an adjunct to physical rehabilitation.",
        ],
        "approve": [
            "The requested number of visits is within the guideline recommendation for an initial trial.",
            "The medical records reveal {patient} is undergoing physical therapy, and the recommended number of visits is within the guidelines.",
            "{Patient} has documented functional improvement with the prior sessions, including decreased medication use.",
        ],
    },
    "mri": {
        "guide": [
            "{cite} state that unequivocal objective findings that identify specific nerve compromise on the neurologic examination are sufficient evidence to warrant imaging in patients who do not respond to treatment and who would consider surgery an option.",
            "When the neurologic examination is less clear, however, further physiologic evidence of nerve dysfunction should be obtained before ordering an imaging study.",
            "Criteria for ordering imaging studies are: emergence of a red flag; physiologic evidence of tissue insult or neurologic dysfunction; failure to progress in a strengthening program intended to avoid surgery; and clarification of the anatomy prior to an invasive procedure.",
            "{cite} state that for most patients presenting with true {part} problems, special studies are not needed unless a three or four week period of conservative care and observation fails to improve symptoms.",
            "Most patients improve quickly, provided any red-flag conditions are ruled out.",
            "[repeat] {odg} do not recommend repeat MRI unless there is a significant change in symptoms and/or findings suggestive of significant pathology.",
            "[shoulder] {cite} support MRI for the evaluation of suspected rotator cuff tears or labral tears in patients who have failed conservative treatment and are considering surgery.",
            "[knee] {cite} recommend MRI of the knee for suspected internal derangement when there is a failure of conservative care.",
            "{cite} support special studies such as MRI when the neurologic exam is unclear and there is evidence of nerve dysfunction.",
            "Imaging is not recommended before 4 to 6 weeks in the absence of red flags.",
            "{odg} recommend MRI for patients with suspected radiculopathy after at least one month of conservative therapy.",
        ],
        "facts": [
            "In this case, the request is for an MRI of the {part}.",
            "[repeat] {Patient} had a prior MRI of the {region} dated {date2}.",
            "X-rays of the {region} dated {date2} were unremarkable.",
            "The neurologic examination was documented as normal.",
            "{Patient} presented with continued complaints of {part} pain.",
            "The injury is relatively recent and {patient} is still in the acute phase.",
        ],
        "deny": [
            "However, there is no documentation of the claimant's willingness to consider or contemplate any kind of surgical intervention based upon the outcome of the MRI.",
            "There is no evidence of any red flag conditions.",
            "There is no evidence of specific nerve compromise warranting an MRI.",
            "[spine|neck|back|lumbar|cervical|thoracic] There is no evidence of red flags for serious spinal pathology to warrant the requested imaging.",
            "The records provided did not specify progression of neurological deficits in this patient.",
            "There was no documentation the patient has trialed and failed a proper conservative course of care prior to proceeding with diagnostic testing.",
            "Absent red flags or clear indications for surgery, a clear indication for MRI is not supported by the provided documents.",
            "There was a lack of documentation regarding significant neurological deficits that would support the usage of the MRI.",
            "[repeat] Significant changes in signs and symptoms since the prior diagnostic study that would require a repeat MRI are not specified in the records provided.",
            "[spine|neck|back|lumbar|cervical|thoracic] The medical records do not establish clinical signs consistent with a focal neurologic deficit in a dermatomal or myotomal pattern.",
            "Without evidence of nerve root compromise or other red flag findings, proceeding with magnetic resonance imaging is not indicated.",
            "There was no documentation of failed conservative care prior to this request.",
            "It is unclear how the results of the study would change the treatment plan.",
        ],
        "approve": [
            "{Patient} has failed more than six weeks of conservative care and has objective neurologic deficits on examination.",
            "The records document progressive neurological deficits, and the study would guide further management.",
            "{Patient} is being considered for surgery, and imaging is needed to clarify the anatomy.",
            "[knee|shoulder|wrist|hip|ankle] Examination findings are consistent with internal derangement that has not responded to conservative treatment.",
            "The patient had objective evidence of radiculopathy and has already had conservative treatment.",
        ],
    },
    "ct": {
        "guide": [
            "[head] {odg} recommend CT of the head for patients with moderate or severe traumatic brain injury or with focal neurologic deficits.",
            "{cite} recommend CT to evaluate red-flag diagnoses and to validate the diagnosis of nerve root compromise in patients who cannot undergo MRI.",
            "{odg} state that CT is indicated for suspected fracture when plain films are negative or equivocal.",
            "Computed tomography is recommended to define bony anatomy when surgery is being considered.",
        ],
        "facts": ["[head] {Patient} reported headaches following the injury.", "Plain films dated {date2} were negative for fracture."],
        "deny": [
            "[head] There was no documentation of loss of consciousness, focal neurologic deficit or other red flag findings.",
            "There is no indication why MRI could not be performed if advanced imaging were needed.",
            "The neurologic examination was normal.",
        ],
        "approve": ["{Patient} has a contraindication to MRI, and CT is needed to evaluate the suspected pathology.",
                    "[head] The records document focal neurologic findings following a head injury."],
    },
    "xray": {
        "guide": [
            "{cite} state that x-rays should not be recommended in patients with {part} pain in the absence of red flags for serious spinal pathology, even if the pain has persisted for at least 6 weeks.",
            "{odg} recommend x-rays for patients who sustained a severe injury.",
            "{odg} recommend radiography for acute trauma and for evaluation of suspected fracture.",
            "Routine radiographs are not recommended in the absence of red flags.",
            "{cite} support plain films when there is a suspicion of fracture, dislocation, or other red flag conditions.",
        ],
        "facts": ["The treatment plan was to request authorization for an x-ray of the {part}.", "{Patient} had prior x-rays of the {region} dated {date2}."],
        "deny": [
            "However, there was a lack of physical examination findings to suggest a change in {his} condition to warrant the requested x-ray.",
            "There was no evidence of red flags or suspected fracture.",
            "The records do not indicate why repeat radiographs are needed.",
        ],
        "approve": ["The mechanism of injury and examination findings raise concern for a fracture, and radiographs are appropriate.",
                    "[flexion] Flexion and extension views are appropriate to evaluate for instability prior to the planned procedure."],
    },
    "emg": {
        "guide": [
            "{cite} state that electromyography and nerve conduction studies are separate studies and should not necessarily be done together.",
            "[lower] Nerve conduction studies in the lower extremities are not recommended, but electromyography is recommended as an option to obtain unequivocal evidence of radiculopathy after one month of conservative therapy.",
            "Electromyography is not necessary if radiculopathy is already clinically obvious.",
            "{cite} state that electromyography (EMG), including H-reflex tests, may be useful to identify subtle, focal neurologic dysfunction in patients with symptoms lasting more than three or four weeks.",
            "[upper|hand|wrist] Appropriate electrodiagnostic studies may help differentiate between carpal tunnel syndrome and other conditions, such as cervical radiculopathy.",
            "{odg} state that EMG and NCS are generally accepted, well-established and widely used for localizing the source of the neurological symptoms and establishing the diagnosis of focal nerve entrapments, such as carpal tunnel syndrome or radiculopathy.",
            "[upper|hand|wrist] Nerve conduction studies are recommended in patients with clinical signs of carpal tunnel syndrome who may be candidates for surgery.",
            "{odg} state that NCS is not recommended, but EMG is recommended as an option to obtain unequivocal evidence of radiculopathy.",
        ],
        "facts": [
            "{Patient} reported numbness and tingling in the {limbs}.",
            "The documentation submitted for review indicated that {patient} had a diagnostic study dated {date2}.",
            "{Patient} has clinical findings of radiculopathy on examination.",
            "[upper|hand|wrist] Physical exam revealed no evidence of clinical signs consistent with carpal tunnel syndrome.",
        ],
        "deny": [
            "There is a lack of evidence based rationale provided by the physician as to the medical necessity for diagnostic testing at this time.",
            "Furthermore, medical necessity for a nerve conduction study is not supported.",
            "There was no indication the patient is a candidate for surgery.",
            "It is unclear of the rationale as to why {patient} would require an additional electrodiagnostic study.",
            "Further, the objective findings provided do not provide a clear rationale for this study.",
            "Radiculopathy is already clinically obvious, and electrodiagnostic testing would not change the treatment plan.",
            "There is no documentation of a peripheral neuropathy or entrapment neuropathy to warrant nerve conduction studies.",
        ],
        "approve": [
            "{Patient} has persistent neurologic symptoms despite conservative treatment, and the diagnosis remains unclear.",
            "At this point an electrodiagnostic study is deemed medically appropriate and necessary to clarify the cause of the patient's neurological symptoms since this would guide further management.",
            "The examination findings are equivocal, and electrodiagnostic testing would help differentiate radiculopathy from peripheral nerve entrapment.",
        ],
    },
    "esi": {
        "guide": [
            "{cite} recommend epidural steroid injections as an option for treatment of radicular pain, defined as pain in a dermatomal distribution with corroborative findings of radiculopathy.",
            "Radiculopathy must be documented by physical examination and corroborated by imaging studies and/or electrodiagnostic testing.",
            "The patient must be initially unresponsive to conservative treatment (exercises, physical methods, NSAIDs and muscle relaxants).",
            "No more than two nerve root levels should be injected using transforaminal blocks.",
            "In the therapeutic phase, repeat blocks should be based on continued objective documented pain and functional improvement, including at least 50% pain relief with associated reduction of medication use for six to eight weeks.",
            "Injections should be performed using fluoroscopy for guidance.",
            "Current research does not support a series-of-three injections in either the diagnostic or therapeutic phase.",
            "Epidural steroid injections can offer short term pain relief and use should be in conjunction with other rehab efforts, including continuing a home exercise program.",
        ],
        "facts": [
            "An MRI of the {region} dated {date2} revealed a disc protrusion at {level}.",
            "{Patient} had a prior epidural steroid injection on {date2}.",
            "{Patient} reported radiating pain into the {limbs}.",
            "The examination documented {finding}.",
        ],
        "deny": [
            "There were no objective findings of radiculopathy on physical examination.",
            "There was no documentation of at least 50% pain relief with associated reduction of medication use for six to eight weeks following the prior injection.",
            "The imaging findings do not corroborate radiculopathy at the requested level.",
            "There was no documentation that {patient} has been unresponsive to conservative treatment.",
            "The request does not specify that fluoroscopic guidance will be used.",
            "The request exceeds the recommended number of levels.",
        ],
        "approve": [
            "{Patient} has radicular pain in a dermatomal distribution corroborated by MRI findings at {level}, and has failed conservative treatment.",
            "The prior injection provided greater than 50% pain relief for more than six weeks with reduced medication use.",
            "The criteria for the use of epidural steroid injections have been met.",
        ],
    },
    "facet": {
        "guide": [
            "{cite} state that invasive techniques such as facet joint injections are of questionable merit.",
            "No more than one set of therapeutic intraarticular facet blocks is recommended when facet joint pain is suspected.",
            "[medial branch|facet] {odg} recommend medial branch blocks as a diagnostic tool prior to facet neurotomy, limited to patients with low-back pain that is non-radicular and at no more than two levels bilaterally.",
            "There should be documentation of failure of conservative treatment, including home exercise, PT and NSAIDs, prior to the procedure for at least 4-6 weeks.",
            "[radiofrequency|rhizotomy|ablation] Facet neurotomy should be performed only after a successful diagnostic medial branch block with a response of at least 70%.",
            "Facet injections are not recommended in patients with radicular pain.",
        ],
        "facts": ["{Patient} reported axial {part} pain worse with extension.", "{Patient} has radicular symptoms into the {limbs}.",
                  "The examination documented pain with facet loading."],
        "deny": [
            "The applicant's superimposed radicular symptoms undermined any theory of facetogenic pain.",
            "The request exceeds the recommended two levels.",
            "[radiofrequency|rhizotomy|ablation] There was no documentation of a successful diagnostic block prior to the request for neurotomy.",
            "There was no documentation of failure of at least 4-6 weeks of conservative treatment.",
        ],
        "approve": ["{Patient} has non-radicular axial pain with facet loading signs and has failed conservative care.",
                    "[radiofrequency|rhizotomy|ablation] The diagnostic block provided more than 70% relief, supporting the request for neurotomy."],
    },
    "tpi": {
        "guide": [
            "{cite} recommend trigger point injections only for myofascial pain syndrome with limited lasting value, and not for radicular pain.",
            "Criteria include documentation of circumscribed trigger points with evidence upon palpation of a twitch response as well as referred pain.",
            "Symptoms must have persisted for more than three months, and medical management therapies such as ongoing stretching exercises, physical therapy, NSAIDs and muscle relaxants must have failed to control pain.",
            "No repeat injections are recommended unless a greater than 50% pain relief is obtained for six weeks after an injection and there is documented evidence of functional improvement.",
        ],
        "facts": ["The examination documented tenderness over the {adj} paraspinal muscles.", "{Patient} received trigger point injections on {date2}."],
        "deny": [
            "There was no documentation of circumscribed trigger points with a twitch response and referred pain.",
            "{Patient} has radicular symptoms, for which trigger point injections are not recommended.",
            "There was no documentation of greater than 50% pain relief for six weeks after the prior injections.",
        ],
        "approve": ["The examination documented circumscribed trigger points with a twitch response and referred pain, and medical management has failed."],
    },
    "jointinj": {
        "guide": [
            "[shoulder|subacromial] {cite} state that invasive techniques have limited proven value; if pain with elevation significantly limits activities, a subacromial injection of local anesthetic and a corticosteroid preparation may be indicated after conservative therapy for two to three weeks.",
            "[synvisc|orthovisc|hyaluronic] {odg} recommend hyaluronic acid injections as an option for osteoarthritis in patients who have not responded adequately to recommended conservative treatments.",
            "[prp|platelet] {odg} state that platelet-rich plasma injections are under study and are not recommended except in a research setting.",
            "[sacroiliac] {odg} recommend sacroiliac joint blocks as an option if the patient has failed at least 4-6 weeks of aggressive conservative therapy and has at least three positive examination findings.",
            "[knee] {cite} support corticosteroid injections for cases of severe osteoarthritis of the knee.",
        ],
        "facts": ["{Patient} has {dx}.", "Imaging dated {date2} showed degenerative changes.", "{Patient} had a prior injection on {date2}."],
        "deny": [
            "There was no documentation of failure of conservative treatment prior to the request.",
            "[knee|hip|synvisc|orthovisc|hyaluronic] There was no radiographic evidence of severe osteoarthritis.",
            "There is insufficient evidence to support the efficacy of the requested injection.",
            "The prior injection did not provide documented functional improvement.",
        ],
        "approve": ["[knee|hip|synvisc|orthovisc|hyaluronic] {Patient} has documented osteoarthritis that has failed conservative treatment, and the injection is appropriate.",
                    "The prior injection provided significant and sustained relief with improved function."],
    },
    "tens": {
        "guide": [
            "[tens|neuromuscular] {cite} state that a TENS unit is not recommended as a primary treatment modality, but a one-month home-based TENS trial may be considered as a noninvasive conservative option, if used as an adjunct to a program of evidence-based functional restoration.",
            "Other ongoing pain treatment should also be documented during the trial period including medication usage.",
            "[h-wave] {cite} do not recommend H-wave stimulation as an isolated intervention, but a one-month home-based trial may be considered following failure of initially recommended conservative care, including physical therapy, medications, and TENS.",
            "[interferential] {cite} do not recommend interferential current stimulation as an isolated intervention.",
            "[tens] A treatment plan including the specific short-term and long-term goals of treatment with the TENS unit should be submitted.",
        ],
        "facts": ["[tens] {Patient} used a TENS unit during physical therapy.", "[tens] {Patient} has been using a TENS unit at home since {since}."],
        "deny": [
            "There was no documentation of a successful one-month home trial.",
            "There was no documentation of how often the unit was used, as well as outcomes in terms of pain relief and function.",
            "There was no evidence that the unit would be used as an adjunct to a program of evidence-based functional restoration.",
            "[h-wave] There was no documentation of failure of a TENS unit prior to the request for H-wave stimulation.",
            "The request does not specify whether the unit is for rental or purchase.",
        ],
        "approve": ["{Patient} completed a successful one-month trial with documented decrease in pain and medication use.",
                    "The request is for a one-month trial as an adjunct to an ongoing functional restoration program."],
    },
    "dme": {
        "guide": [
            "{odg} recommend durable medical equipment generally if there is a medical need and if the device or system meets Medicare's definition of durable medical equipment.",
            "[lumbar|back|lso] {odg} do not recommend lumbar supports for prevention, and there is no evidence for the effectiveness of lumbar supports in preventing back pain.",
            "[lumbar|back|lso] {cite} state that lumbar supports have not been shown to have any lasting benefit beyond the acute phase of symptom relief.",
            "[cold|cryo|vascutherm|game ready] {odg} recommend continuous-flow cryotherapy as an option after surgery, but not for nonsurgical treatment, with postoperative use generally up to 7 days.",
            "[pillow] {odg} recommend the use of a neck support pillow while sleeping in conjunction with a daily exercise program.",
            "[mattress] {odg} do not recommend using firmness as the sole criterion for mattress selection.",
            "[knee brace] {odg} recommend knee braces for patellar instability, ligament insufficiency, or reconstruction.",
            "[wrist] {cite} recommend splinting as first-line conservative treatment for carpal tunnel syndrome.",
            "[walker|cane|scooter|wheelchair] {odg} recommend walking aids for patients with conditions causing impaired ambulation, when there is a potential for ambulation with these devices.",
            "[traction] {odg} state that home traction units may be recommended for patients with radicular symptoms, in conjunction with a home exercise program.",
        ],
        "facts": ["{Patient} was noted to have {part} pain.", "[walker|cane|scooter|wheelchair|knee|ankle] {Patient} ambulates with an antalgic gait.", "The treating physician requested {item}."],
        "deny": [
            "There was no documentation of instability or a surgical procedure to warrant the device.",
            "The device is primarily for comfort or convenience and is not medically necessary.",
            "{Patient} is beyond the acute phase of symptom relief.",
            "There was no documentation that {patient} is unable to perform activities of daily living without the requested equipment.",
            "[unit|machine] The request does not specify the duration of rental.",
            "[rental] The requested rental duration exceeds the guideline recommendation.",
        ],
        "approve": ["{Patient} has a documented medical need for the equipment following surgery.",
                    "The documented functional limitations support the need for the requested equipment.",
                    "[wrist|brace|splint] The device is recommended as first-line conservative treatment for the documented condition."],
    },
    "surgery": {
        "guide": [
            "{cite} state that referral for surgical consultation is indicated for patients who have severe and disabling symptoms, activity limitation for more than one month, clear clinical and imaging evidence of a lesion that has been shown to benefit from surgical repair, and failure of conservative care.",
            "{cite} recommend surgery only when there is clear clinical and imaging evidence of a lesion that has been shown to benefit in both the short and long term from surgical repair.",
            "[shoulder] {odg} recommend arthroscopic decompression after 3 to 6 months of conservative care plus a positive diagnostic injection test.",
            "[fusion] {odg} state that spinal fusion is not recommended for patients who have less than six months of failed recommended conservative care unless there is objectively documented severe structural instability and/or acute or progressive neurologic dysfunction.",
            "[menisc] {odg} recommend meniscectomy for symptomatic meniscal tears in patients with mechanical symptoms who have failed conservative care.",
            "[carpal] {cite} recommend carpal tunnel release when the diagnosis is confirmed by electrodiagnostic studies and symptoms have not responded to conservative treatment.",
            "[fusion|spinal cord] A psychological screening is recommended prior to spinal fusion.",
            "[menisc] Arthroscopic partial meniscectomy is not recommended for patients with osteoarthritis and a degenerative meniscal tear.",
        ],
        "facts": [
            "An MRI dated {date2} revealed {dx}.",
            "{Patient} has failed conservative treatment including {prior_tx}.",
            "{Patient} has had symptoms for more than {months} months.",
            "The surgeon recommended {item}.",
        ],
        "deny": [
            "There was no documentation of failure of at least 3 to 6 months of conservative care.",
            "[shoulder] There was no documentation of a positive diagnostic injection test.",
            "The imaging findings do not correlate with the clinical examination.",
            "[fusion] There was no documentation of instability on flexion and extension radiographs.",
            "[fusion|spinal cord] A psychological screening prior to fusion was not documented.",
            "[knee|menisc] There were no mechanical symptoms documented.",
            "[carpal|cubital|ulnar] The diagnosis has not been confirmed by electrodiagnostic studies.",
        ],
        "approve": [
            "{Patient} has failed more than six months of conservative care and has imaging findings that correlate with the examination.",
            "The clinical and imaging findings are consistent with a lesion that has been shown to benefit from surgical repair.",
            "The criteria for the requested procedure have been met.",
        ],
    },
    "assoc": {
        "guide": [
            "[lab|cbc|urinalysis|pre-op|pre-operative|clearance|x-ray|ekg] {odg} state that preoperative testing should be guided by the patient's clinical history, comorbidities, and physical examination findings.",
            "[ekg|ecg] {odg} recommend preoperative electrocardiogram for patients undergoing high-risk surgery and those undergoing intermediate-risk surgery who have additional risk factors.",
            "[assist] {odg} recommend a surgical assistant for more complex surgeries.",
            "[therapy] {cite} recommend postsurgical physical therapy with an initial course of therapy of one half of the number of visits specified in the general course of therapy.",
            "[inpatient|stay] {odg} state that the length of stay for this procedure is generally one day.",
            "[lab|cbc|urinalysis|pre-op|pre-operative|clearance|x-ray] Routine preoperative laboratory testing is not recommended for minor procedures in healthy patients.",
        ],
        "facts": ["{Patient} is scheduled to undergo {surgery}.", "{Patient} has no documented comorbidities.", "The concurrent request was for {surgery}."],
        "deny": [
            "[lab|cbc|urinalysis|pre-op|pre-operative|clearance|x-ray|ekg] There was no documentation of comorbidities that would require preoperative testing.",
            "[therapy] The request exceeds the initial course of postsurgical therapy.",
            "[assist] There was no documentation that the procedure is of sufficient complexity to require an assistant surgeon.",
        ],
        "approve": ["[lab|cbc|urinalysis|pre-op|pre-operative|clearance|x-ray|ekg] {Patient} has comorbidities including hypertension that warrant the preoperative evaluation.",
                    "[therapy] The request is within the guideline recommendation for the initial postsurgical course."],
    },
    "psych": {
        "guide": [
            "{cite} recommend psychological treatment for appropriately identified patients during treatment for chronic pain.",
            "{cite} recommend an initial trial of 3-4 psychotherapy visits over 2 weeks, and with evidence of objective functional improvement, a total of up to 6-10 visits over 5-6 weeks.",
            "[evaluation|testing|consult] {cite} recommend psychological evaluations as generally accepted, well-established diagnostic procedures not only with selected use in pain problems, but also with more widespread use in chronic pain populations.",
            "[therapy|psychotherapy|cognitive] {odg} recommend up to 13-20 visits over 7-20 weeks of cognitive therapy for depression if progress is being made.",
            "[biofeedback] {cite} recommend biofeedback as an option in a cognitive behavioral therapy program to facilitate exercise therapy and return to activity.",
        ],
        "facts": ["{Patient} has symptoms of depression and anxiety related to chronic pain.", "{Patient} has completed {prior} sessions of psychotherapy.",
                  "The Beck Depression Inventory score was documented."],
        "deny": [
            "There was no documentation of objective functional improvement with the prior psychotherapy sessions.",
            "The request exceeds the recommended initial trial.",
            "There was no documentation of the psychological symptoms that would warrant the requested evaluation.",
        ],
        "approve": ["{Patient} has documented depressive symptoms affecting recovery, and an initial trial is appropriate.",
                    "The records document objective improvement with prior sessions, and additional visits are within the guidelines."],
    },
    "consult": {
        "guide": [
            "{cite} state that the occupational health practitioner may refer to other specialists if a diagnosis is uncertain or extremely complex, when psychosocial factors are present, or when the plan or course of care may benefit from additional expertise.",
            "{odg} state that the need for a clinical office visit with a health care provider is individualized based upon a review of the patient concerns, signs and symptoms, clinical stability, and reasonable physician judgment.",
            "A consultation is intended to aid in assessing the diagnosis, prognosis, therapeutic management, determination of medical stability, and permanent residual loss and/or the examinee's fitness for return to work.",
            "[surgeon|surgery|orthopedic|neurosurgeon] Referral for surgical consultation is indicated for patients who have persistent, severe, and disabling symptoms.",
        ],
        "facts": ["The treating physician requested a referral to a {spec}.", "{Patient} has been followed by {his} primary treating physician."],
        "deny": [
            "There was no documentation that the diagnosis is uncertain or complex.",
            "There was no documentation of how the consultation would change the plan of care.",
            "[surgeon|surgery|orthopedic|neurosurgeon] There are no surgical lesions documented that would warrant a surgical referral.",
            "{Patient} has not yet completed a course of conservative care.",
        ],
        "approve": ["The diagnosis remains uncertain despite treatment, and specialty consultation would aid in management.",
                    "{Patient} has persistent symptoms that have not responded to treatment, and a consultation is reasonable.",
                    "[follow] Follow-up office visits are appropriate for monitoring of the ongoing treatment."],
    },
    "frp": {
        "guide": [
            "{cite} recommend functional restoration programs where there is access to programs with proven successful outcomes, for patients with conditions that put them at risk of delayed recovery.",
            "Treatment is not suggested for longer than 2 weeks without evidence of demonstrated efficacy as documented by subjective and objective gains.",
            "Criteria include an adequate and thorough evaluation, failure of previous methods of treating chronic pain, significant loss of ability to function independently, and that the patient is not a candidate for surgery.",
            "[program] Total treatment duration should generally not exceed 20 full-day sessions.",
            "Negative predictors of success should be addressed prior to admission.",
        ],
        "facts": ["{Patient} completed a multidisciplinary evaluation on {date2}.", "{Patient} has been off work since {since}."],
        "deny": [
            "The negative predictors of success were not addressed.",
            "The request exceeds the recommended initial two week trial.",
            "There was no documentation that {patient} is not a candidate for surgery or other treatments.",
            "{Patient} has been off work for an extended period, a negative predictor of success.",
        ],
        "approve": ["{Patient} meets the criteria for a functional restoration program, and the request is for an initial two week trial.",
                    "The multidisciplinary evaluation documented motivation to change and a plan addressing the negative predictors."],
    },
    "homehealth": {
        "guide": [
            "[home health|aide|nursing|housekeeping] {cite} recommend home health services only for otherwise recommended medical treatment for patients who are homebound, on a part-time or intermittent basis, generally up to no more than 35 hours per week.",
            "[home health|aide|housekeeping] Medical treatment does not include homemaker services like shopping, cleaning, and laundry, and personal care given by home health aides like bathing, dressing, and using the bathroom when this is the only care needed.",
            "[transportation] {odg} recommend transportation for medically necessary appointments in the same community for patients with disabilities preventing them from self-transport.",
        ],
        "facts": ["{Patient} lives alone.", "{Patient} ambulates with a walker."],
        "deny": [
            "[home health|aide|nursing|housekeeping] There was no documentation that {patient} is homebound.",
            "[aide|housekeeping] The requested services are homemaker services, which are not considered medical treatment.",
            "[transportation] There was no documentation of a disability that prevents {patient} from self-transport.",
        ],
        "approve": ["[home health|nursing] {Patient} is homebound following surgery and requires skilled nursing care for wound management.",
                    "[transportation] {Patient} is unable to drive and has no other means of transportation to medical appointments."],
    },
    "uds": {
        "guide": [
            "[urine|drug] {cite} recommend drug testing as an option, using a urine drug screen to assess for the use or the presence of illegal drugs.",
            "[urine|drug] {odg} recommend urine drug testing as a tool to monitor compliance with prescribed substances, with frequency based on documented risk stratification.",
            "[urine|drug] Patients at low risk of addiction/aberrant behavior should be tested within six months of initiation of therapy and on a yearly basis thereafter.",
            "[genetic] {odg} do not recommend genetic testing for potential opioid abuse, as current research is experimental.",
            "[panel|blood|cbc|laboratory] Routine laboratory monitoring is recommended for patients on long-term NSAIDs.",
        ],
        "facts": ["{Patient} had a urine drug screen on {date2} that was consistent with the prescribed medications.", "{Patient} is prescribed {med_list}."],
        "deny": [
            "There was no documentation of a risk stratification to support the frequency of testing.",
            "{Patient} is not currently prescribed opioids.",
            "There was no documentation of aberrant behavior to warrant more frequent testing.",
        ],
        "approve": ["[urine|drug] {Patient} is on chronic opioid therapy, and periodic urine drug testing is consistent with the guidelines.",
                    "[panel|blood|cbc|laboratory] Laboratory monitoring is appropriate given the long-term use of the medication."],
    },
    "misc": {
        "guide": [
            "[functional capacity] {odg} recommend a functional capacity evaluation prior to admission to a work hardening program, and when case management is hampered by complex issues.",
            "[gym] {odg} do not recommend gym memberships as a medical prescription unless a documented home exercise program with periodic assessment and revision has not been effective and there is a need for equipment.",
            "[shockwave] {odg} state that extracorporeal shockwave therapy is not recommended for the {part}.",
            "[weight] {odg} do not recommend weight loss programs as medical treatment.",
            "{cite} recommend exercise, but there is no sufficient evidence to support the recommendation of any particular exercise regimen over any other exercise regimen.",
            "{odg} do not recommend this modality, as there are no quality published studies supporting its use.",
        ],
        "facts": ["{Patient} is performing a home exercise program.", "{Patient} is not currently working.", "The treating physician requested {item}."],
        "deny": [
            "[gym|exercise] There was no documentation that a home exercise program has been ineffective.",
            "[functional capacity] There was no documentation that {patient} is close to maximum medical improvement or has failed prior return to work attempts.",
            "The requested modality is not supported by the guidelines.",
            "[gym] Treatment needs to be monitored and administered by medical professionals, which is not the case with a gym membership.",
        ],
        "approve": ["[functional capacity|evaluation] {Patient} is at maximum medical improvement and the evaluation is needed to determine work restrictions.",
                    "The records document a clear need for the requested service."],
    },
}

# Openers of one reviewer house style ("the applicant"): a verdict first, then the reasons.
VERDICT_FIRST = {
    "deny": ["No, the request for {item} was not medically necessary, medically appropriate, or indicated here.",
             "No, the proposed {item} was not medically necessary, medically appropriate, or indicated here.",
             "No, the {item} was not medically necessary, medically appropriate, or indicated here."],
    "approve": ["Yes, the request for {item} was medically necessary, medically appropriate, and indicated here.",
                "Yes, the proposed {item} was medically necessary, medically appropriate, and indicated here."],
    "page_cite": ["The request in question, thus, was at odds with page {page} of {cite_l}.",
                  "As noted on page {page} of {cite_l}, the attending provider should furnish a clear rationale for the request.",
                  "The attending provider did not, moreover, furnish a clear or compelling rationale for pursuit of the request in the face of the tepid position on the same set forth on page {page} of {cite_l}.",
                  "This recommendation is further qualified by commentary made on page {page} of {cite_l}."],
}

# Longer passages some reviewers quote from the guideline (wrapped in quotation marks when used).
QUOTES = {
    "pt": [
        "Physical medicine treatment is recommended as indicated below. Allow for fading of treatment frequency (from up to 3 visits per week to 1 or less), "
        "plus active self-directed home physical medicine. Myalgia and myositis, unspecified: 9-10 visits over 8 weeks. Neuralgia, neuritis, and radiculitis, "
        "unspecified: 8-10 visits over 4 weeks. Reflex sympathetic dystrophy (CRPS): 24 visits over 16 weeks. Patients are instructed and expected to continue "
        "active therapies at home as an extension of the treatment process in order to maintain improvement levels.",
        "Passive therapy can provide short term relief during the early phases of pain treatment and is directed at controlling symptoms such as pain, "
        "inflammation and swelling and to improve the rate of healing soft tissue injuries. Active therapy is based on the philosophy that therapeutic "
        "exercise and/or activity are beneficial for restoring flexibility, strength, endurance, function, range of motion, and can alleviate discomfort. "
        "Active therapy requires an internal effort by the individual to complete a specific exercise or task, and this form of therapy may require "
        "supervision from a therapist or medical provider such as verbal, visual and/or tactile instruction(s).",
    ],
    "chiro": [
        "Recommended for chronic pain if caused by musculoskeletal conditions. Manual Therapy is widely used in the treatment of musculoskeletal pain. "
        "The intended goal or effect of Manual Medicine is the achievement of positive symptomatic or objective measurable gains in function that "
        "facilitate progression in the patient's therapeutic exercise program and return to productive activities. Low back: Recommended as an option. "
        "Therapeutic care - Trial of 6 visits over 2 weeks, with evidence of objective functional improvement, total of up to 18 visits over 6-8 weeks. "
        "Elective/maintenance care - Not medically necessary. Recurrences/flare-ups - Need to reevaluate treatment success.",
    ],
    "acupuncture": [
        "Acupuncture is used as an option when pain medication is reduced or not tolerated, it may be used as an adjunct to physical rehabilitation "
        "and/or surgical intervention to hasten functional recovery. Frequency and duration of acupuncture or acupuncture with electrical stimulation may "
        "be performed as follows: (1) Time to produce functional improvement: 3 to 6 treatments. (2) Frequency: 1 to 3 times per week. (3) Optimum "
        "duration: 1 to 2 months. Acupuncture treatments may be extended if functional improvement is documented as defined in Section 9792.20(e).",
    ],
    "opioid": [
        "Ongoing review and documentation of pain relief, functional status, appropriate medication use, and side effects. Pain assessment should include: "
        "current pain; the least reported pain over the period since last assessment; average pain; intensity of pain after taking the opioid; how long it "
        "takes for pain relief; and how long pain relief lasts. Satisfactory response to treatment may be indicated by the patient's decreased pain, "
        "increased level of function, or improved quality of life. Four domains have been proposed as most relevant for ongoing monitoring of chronic pain "
        "patients on opioids: pain relief, side effects, physical and psychosocial functioning, and the occurrence of any potentially aberrant (or "
        "non-adherent) drug-related behaviors.",
        "Document the four A's at each visit during the maintenance phase of chronic opioid treatment. If the patient fails to meet any of the following "
        "criteria, the treatment should be reevaluated, including consideration of tapering: Analgesia: meaningful improvement in level of pain. Activity: "
        "meaningful improvement in pain interference or function. Adverse events: whether the medication is causing severe side effects. Aberrant "
        "behavior: current substance use disorder or evidence of diversion. Opioid medication should never be abruptly discontinued in any patient who has "
        "been treated for longer than two weeks.",
    ],
    "nsaid": [
        "Osteoarthritis (including knee and hip): Recommended at the lowest dose for the shortest period in patients with moderate to severe pain. Back "
        "Pain - Acute exacerbations of chronic pain: Recommended as a second-line treatment after acetaminophen. Back Pain - Chronic low back pain: "
        "Recommended as an option for short-term symptomatic relief. Neuropathic pain: There is inconsistent evidence for the use of these medications to "
        "treat long-term neuropathic pain, but they may be useful to treat breakthrough and mixed pain conditions such as osteoarthritis (and other "
        "nociceptive pain) in patients with neuropathic pain.",
    ],
    "relaxant": [
        "Recommended as an option, using a short course of therapy. Cyclobenzaprine is more effective than placebo in the management of back pain; "
        "however, the effect is modest and comes at the price of greater adverse effects. The effect is greatest in the first 4 days of treatment, suggesting "
        "that shorter courses may be better. Treatment should be brief. The addition of cyclobenzaprine to other agents is not recommended. This "
        "medication is not recommended to be used for longer than 2-3 weeks.",
    ],
    "topical": [
        "Recommended as an option as indicated below. Largely experimental in use with few randomized controlled trials to determine efficacy or "
        "safety. Primarily recommended for neuropathic pain when trials of antidepressants and anticonvulsants have failed. Many agents are compounded as "
        "monotherapy or in combination for pain control (including NSAIDs, opioids, capsaicin, local anesthetics, antidepressants, glutamate receptor "
        "antagonists, alpha-adrenergic receptor agonist, adenosine, cannabinoids, cholinergic receptor agonists, gamma agonists, prostanoids, "
        "bradykinin, adrenergic receptor agonists, nerve growth factor). Any compounded product that contains at least one drug (or drug class) that is "
        "not recommended is not recommended.",
    ],
    "mri": [
        "Criteria for ordering imaging studies are: Emergence of a red flag; Physiologic evidence of tissue insult or neurologic dysfunction; Failure to "
        "progress in a strengthening program intended to avoid surgery; Clarification of the anatomy prior to an invasive procedure. Physiologic evidence "
        "may be in the form of definitive neurologic findings on physical examination, electrodiagnostic studies, laboratory tests, or bone scans. "
        "Unequivocal findings that identify specific nerve compromise on the neurologic examination are sufficient evidence to warrant imaging studies "
        "if symptoms persist.",
        "MRI or CT to evaluate red-flag diagnoses, MRI or CT to validate diagnosis of nerve root compromise, based on clear history and physical "
        "examination findings, in preparation for invasive procedure. If no improvement after 1 month, bone scans if tumor or infection possible. Not "
        "recommended: Imaging before 4 to 6 weeks in absence of red flags.",
    ],
    "emg": [
        "Electromyography (EMG) and Nerve Conduction Studies (NCS) are generally accepted, well-established and widely used for localizing the source of "
        "the neurological symptoms and establishing the diagnosis of focal nerve entrapments, such as carpal tunnel syndrome or radiculopathy, which may "
        "contribute to or coexist with CRPS II (causalgia), when testing is performed by appropriately trained neurologists or physical medicine and "
        "rehabilitation physicians (improperly performed testing by other providers often gives inconclusive results).",
    ],
    "esi": [
        "Criteria for the use of epidural steroid injections: (1) Radiculopathy must be documented by physical examination and corroborated by imaging "
        "studies and/or electrodiagnostic testing. (2) Initially unresponsive to conservative treatment (exercises, physical methods, NSAIDs and muscle "
        "relaxants). (3) Injections should be performed using fluoroscopy for guidance. (4) If used for diagnostic purposes, a maximum of two injections "
        "should be performed. (5) No more than two nerve root levels should be injected using transforaminal blocks. (6) No more than one interlaminar "
        "level should be injected at one session.",
    ],
    "tens": [
        "Not recommended as a primary treatment modality, but a one-month home-based TENS trial may be considered as a noninvasive conservative option, "
        "if used as an adjunct to a program of evidence-based functional restoration. Criteria for the use of TENS: documentation of pain of at least "
        "three months duration; evidence that other appropriate pain modalities have been tried (including medication) and failed; a one-month trial "
        "period of the TENS unit should be documented with documentation of how often the unit was used, as well as outcomes in terms of pain relief and "
        "function.",
    ],
    "psych": [
        "Recommended for appropriately identified patients during treatment for chronic pain. Psychological intervention for chronic pain includes "
        "setting goals, determining appropriateness of treatment, conceptualizing a patient's pain beliefs and coping styles, assessing psychological and "
        "cognitive function, and addressing co-morbid mood disorders (such as depression, anxiety, panic disorder, and posttraumatic stress disorder). "
        "Initial trial of 3-4 psychotherapy visits over 2 weeks; with evidence of objective functional improvement, total of up to 6-10 visits over 5-6 "
        "weeks (individual sessions).",
    ],
    "frp": [
        "Criteria for the general use of multidisciplinary pain management programs: (1) An adequate and thorough evaluation has been made, including "
        "baseline functional testing so follow-up with the same test can note functional improvement; (2) Previous methods of treating chronic pain have "
        "been unsuccessful and there is an absence of other options likely to result in significant clinical improvement; (3) The patient has a "
        "significant loss of ability to function independently resulting from the chronic pain; (4) The patient is not a candidate where surgery or "
        "other treatments would clearly be warranted; (5) The patient exhibits motivation to change.",
    ],
    "surgery": [
        "Referral for surgical consultation is indicated for patients who have: Red-flag conditions; Activity limitation for more than four months, plus "
        "existence of a surgical lesion; Failure to increase range of motion and strength of the musculature around the joint even after exercise "
        "programs, plus existence of a surgical lesion; Clear clinical and imaging evidence of a lesion that has been shown to benefit, in both the short "
        "and long term, from surgical repair.",
    ],
}
QUOTE_LEADS = ["{cite} state: ", "According to {cite_l}, ", "{cite} state the following: ", "Per {cite_l}, ", "{cite} note: "]
