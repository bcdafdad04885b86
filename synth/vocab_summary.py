"""Sentence templates for the clinical case summary, in the four house styles the letters show.

Each style is a list of sections; a section is (probability it appears, alternatives). Styles
also fix how dates are written and what the injured person is called (see letter.STYLES).
Slots: age, sex, he/He/his/His/him, doi, mech, dx_list, tx_list, med_list, complaint, finding,
finding2, pain, pain_lo, visit, visit2, rfa, ur, requests, work, imaging, region, part, reason.
"""

# Where extra sentences may start (after the opening sentences that set the scene).
FIRST_EXTRA_AT = {"worker": 2, "patient": 3, "records": 4, "applicant": 4}

STYLE_SECTIONS = {
    # "The injured worker is a 48 year old male who sustained an industrial injury on 10-13-16."
    "worker": [
        (1.0, ["The injured worker is a {age} year old {sex} who sustained an industrial injury on {doi}.",
               "The injured worker is a {age} year old {sex}, who sustained an industrial injury on {doi}.",
               "The injured worker is a {age}-year-old {sex} who reported an industrial injury on {doi}.",
               "This {age} year old {sex} sustained an industrial injury on {doi}.",
               "The injured worker is a {age} year old {sex} who was injured on {doi} due to {mech}."]),
        (0.5, ["The mechanism of injury was {mech}.", "The injury occurred as a result of {mech}.", "Mechanism of injury: {mech}."]),
        (0.95, ["The injured worker was being treated for {dx_list}.", "The diagnoses have included {dx_list}.",
                "The injured worker is undergoing treatment for {dx_list}.", "The diagnoses include {dx_list}.",
                "The injured worker has been diagnosed with {dx_list}.", "{He} is being treated for {dx_list}."]),
        (0.8, ["Treatment to date has included {tx_list}.", "Treatments to date include {tx_list}.",
               "The treatment and diagnostic testing to date has included {tx_list}.", "Treatment has included {tx_list}."]),
        (0.6, ["Medications have included {med_list}.", "The current medications are {med_list}.", "Current medications include {med_list}."]),
        (0.9, ["The injured worker was evaluated on {visit} for complaints of {complaint}.",
               "On {visit}, the injured worker reported {complaint}.",
               "Currently, the injured worker complains of {complaint}.",
               "According to the progress report dated {visit}, the injured worker presented with complaints of {complaint}.",
               "Per the doctor's note dated {visit}, {he} had {complaint}."]),
        (0.6, ["The pain was rated {pain} on a 10-point scale.", "Pain level is rated {pain}.", "{His} pain was rated {pain} at rest and {pain_hi} with activity.",
               "The pain was rated {pain} with medications and {pain_hi} without medications."]),
        (0.85, ["Objective findings included {finding} and {finding2}.", "Physical examination revealed {finding}.",
                "Examination of the {region} revealed {finding} and {finding2}.", "The physical exam noted {finding}.",
                "Objective findings revealed {finding}. There was also {finding2}."]),
        (0.45, ["{imaging}"]),
        (0.4, ["Work status is described as {work}.", "Current work status: {work}.", "The injured worker is currently {work}."]),
        (0.7, ["The treatment plan included {requests}.", "The treating physician requested authorization for {requests}.",
               "The request for authorization is for: {requests}.", "The request for authorization dated {rfa} requested {requests}."]),
        (1.0, ["On {ur}, utilization review determined {requests} was not medically necessary.",
               "The original utilization review ({ur}) had non-certified a request for {requests}.",
               "On {ur}, Utilization Review non-certified the request for {requests}.",
               "The UR dated {ur}: non-certified the request for {requests}.",
               "Utilization review dated {ur} non-certified the request for {requests}."]),
    ],
    # "This case involves a now 36-year-old female with a history of an occupational claim from 10/13/2016."
    "patient": [
        (1.0, ["This case involves a now {age}-year-old {sex} with a history of an occupational claim from {doi}.",
               "The patient is a {age}-year-old {sex} with a date of injury of {doi}.",
               "This is a {age}-year-old {sex} who sustained an industrial injury on {doi}."]),
        (0.85, ["The mechanism of injury is detailed as {mech}.", "The mechanism of injury was noted as {mech}.",
                "The injury reportedly occurred due to {mech}."]),
        (0.95, ["The current diagnosis is documented as {dx}.", "The current diagnoses are documented as {dx_list}.",
                "The patient's current diagnoses include {dx_list}."]),
        (0.5, ["{imaging}"]),
        (0.7, ["Treatment to date includes {tx_list}.", "The prior treatment included {tx_list}.", "Prior treatments have consisted of {tx_list}."]),
        (1.0, ["On {visit}, the patient presented with {complaint}.", "In the clinical note dated {visit}, the patient complained of {complaint}.",
               "On {visit}, the patient presented for a followup visit. The patient complained of {complaint}.",
               "The clinical note dated {visit} indicated the patient complained of {complaint}."]),
        (0.65, ["The pain was rated {pain} on VAS.", "The patient rated the pain {pain}.", "The patient reported pain rated {pain}."]),
        (0.9, ["On physical examination, the patient had {finding} and {finding2}.", "Physical exam of the {region} revealed {finding}.",
               "The physical examination revealed {finding}. There was also {finding2}.", "On physical examination, there was {finding}."]),
        (0.45, ["The patient's current medication regimen includes {med_list}.", "The patient's current medication regimen was not provided.",
                "The patient is currently taking {med_list}."]),
        (0.85, ["The treatment plan includes {requests}.", "The patient was recommended {requests}.", "The treatment plan consisted of {requests}."]),
        (0.8, ["A Request for Authorization, dated {rfa}, was provided.", "The Request for Authorization was signed on {rfa}.",
               "The request for authorization form was signed on {rfa}."]),
        (1.0, ["The original utilization review dated {ur} denied the request for {requests} due to {reason}.",
               "A prior denial was made on {ur}. The requests were denied due to {reason}.",
               "The prior determination on {ur} denied the request for {requests} due to {reason}.",
               "The request had been previously denied on {ur}. The rationale for the denial included {reason}."]),
    ],
    # "The applicant is a 29-year-old female who has filed a claim for knee pain reportedly associated with ..."
    "applicant": [
        (1.0, ["The applicant is a {age}-year-old {sex} who has filed a claim for {part} pain reportedly associated with an industrial injury of {doi}.",
               "The applicant, a {age}-year-old {sex}, has filed a claim for chronic {part} pain reportedly associated with an industrial injury of {doi}."]),
        (1.0, ["In a utilization review report dated {ur}, the claims administrator failed to approve a request for {requests}.",
               "In a Utilization Review report dated {ur}, the claims administrator partially approved a request for {requests}."]),
        (0.8, ["The claims administrator referenced an office visit dated {visit} in its determination.",
               "The claims administrator referenced an RFA form received on {rfa} in its determination."]),
        (0.9, ["The applicant's attorney subsequently appealed.", "The applicant subsequently appealed."]),
        (1.0, ["On an office visit dated {visit}, the applicant reported ongoing issues with {complaint}.",
               "On {visit}, the applicant reported {complaint}."]),
        (0.6, ["Work restrictions were imposed.", "The applicant was placed off work, on total temporary disability.",
               "It was not explicitly stated whether the applicant was or was not working with said limitation in place.",
               "The applicant was apparently working modified duty, the treating provider suggested."]),
        (0.6, ["{finding_cap} was appreciated.", "The applicant exhibited {finding}.", "Overall commentary was sparse."]),
        (0.7, ["On {visit2}, the applicant was described as using {med_list}.", "Unspecified medications were continued.",
               "The applicant's medications included {med_list}."]),
        (0.7, ["On an RFA form dated {rfa}, {requests} were ordered.", "Authorization for {requests} was sought on {rfa}."]),
        (0.4, ["{imaging}"]),
    ],
    # "According to medical records available for review, the injured worker is a 33 year old male, ..."
    "records": [
        (1.0, ["According to medical records available for review, the injured worker is a {age} year old {sex}, who sustained an industrial injury on {doi}.",
               "According to the medical records available for review, the injured worker is a(n) {age} year old {sex}, who sustained an industrial injury on {doi}."]),
        (0.8, ["The injured worker is currently {work}.", "The injured worker is currently able to return to work with restrictions."]),
        (1.0, ["Medical records indicated that the injured worker is undergoing treatment for {dx_list}."]),
        (0.9, ["Treatment and diagnostics to date have included {tx_list}."]),
        (0.8, ["Recently prescribed medications have included {med_list}."]),
        (1.0, ["Subjective data ({visit}) included {complaint}.", "Subjective data on {visit} included {complaint}."]),
        (1.0, ["Objective findings ({visit}) included {finding} and {finding2}.", "Objective findings ({visit}) included {finding}."]),
        (0.4, ["{imaging}"]),
        (1.0, ["The request for authorization dated {rfa} requested {requests}."]),
        (1.0, ["The Utilization Review report, with a decision date of {ur}, non-certified the request for {requests}.",
               "The Utilization Review report, with a decision date of {ur}, modified the request for {requests}."]),
    ],
}

# Sentences any style may add to the middle of a summary (2-6 of them), in its own voice ({who}).
EXTRA = [
    "{Who} reported that the pain is worse with {activity}.",
    "{Who} stated that the pain improves with rest and medications.",
    "Deep tendon reflexes were 2+ and symmetric in the bilateral {limbs}.",
    "Motor strength was 5-/5 in the {limbs}.",
    "Sensation was intact to light touch.",
    "Sensation was decreased to light touch in the {side2} {limbs}.",
    "Range of motion of the {region} was decreased in all planes.",
    "Per the progress report dated {visit2}, {who} had {complaint}.",
    "{Who} has been attending physical therapy with some improvement.",
    "{Who} reported difficulty with sleep due to pain.",
    "{Who} denied bowel or bladder dysfunction.",
    "{Who} was advised to continue a home exercise program.",
    "Prior injections provided temporary relief.",
    "The treating physician noted that {who} has failed conservative treatment.",
    "Gait was noted to be antalgic.",
    "{Who} was given work restrictions of no lifting more than {lbs} pounds.",
    "The pain was described as {quality} and {freq}.",
    "{Who} rated the pain {pain} with medications and {pain_hi} without medications.",
    "A urine drug screen dated {visit2} was consistent with the prescribed medications.",
    "{Who} noted that the medications allow {him} to perform activities of daily living.",
    "The treatment plan was to continue {med_list}.",
    "{Who} was to return for follow up in {weeks} weeks.",
    "There was tenderness to palpation with spasm noted over the {adj} paraspinal muscles.",
    "{Who} also reported {extra}.",
    "The visual analog scale score was {pain}.",
    "The documentation indicated that {who} has completed {prior} sessions of physical therapy to date.",
    "According to the treating physician, {who} has not improved with conservative care.",
    "{Who} reported that the pain radiates to the {limbs} with numbness and tingling.",
    "Straight leg raise was negative bilaterally.",
    "There was no evidence of instability on examination.",
    "Medications were noted to provide temporary relief.",
    "{Who} reported side effects of drowsiness with the medications.",
    "The treating physician documented that {who} remains symptomatic despite treatment.",
    "{Who} is participating in a walking program.",
    "The most recent progress note dated {visit} documented ongoing complaints.",
    "{Who} continues to have difficulty with activities of daily living, including {activity}.",
    "The provider noted that the symptoms have been present for more than {months} months.",
    "Prior diagnostic studies were not provided for review.",
    "{Who} reported anxiety and depression related to the chronic pain.",
    "Examination revealed {finding2}.",
    "On {visit2}, {who} was seen for {complaint}, and physical examination at that time revealed {finding2}.",
    "The progress report dated {visit2} noted that {who} had completed a course of {prior_one} without lasting improvement in pain or function.",
    "{Who} reported that the pain interferes with sleep, work and activities of daily living, and that the pain was rated {pain_hi} at its worst.",
    "The treating physician indicated that the requested treatment was intended to decrease pain, increase function and facilitate a return to work.",
]
ACTIVITIES = ["prolonged sitting", "prolonged standing", "bending and lifting", "walking", "overhead reaching", "gripping and grasping",
              "driving", "household chores", "climbing stairs", "repetitive motion", "squatting and kneeling"]
QUALITIES = ["aching", "sharp", "burning", "throbbing", "stabbing", "dull", "achy and sharp"]
FREQUENCIES = ["constant", "intermittent", "frequent", "occasional", "constant and worsening"]

IMAGING = [
    "An MRI of the {region} dated {img_date} revealed {img_finding}.",
    "X-rays of the {region} dated {img_date} revealed {img_finding}.",
    "Previous diagnostic studies include x-rays and an MRI ({img_date}) of the {region}.",
    "A CT of the {region}, dated {img_date}, revealed {img_finding}.",
    "Diagnostic studies have included an MRI of the {region} on {img_date}, which showed {img_finding}.",
    "Electrodiagnostic studies dated {img_date} revealed {img_finding}.",
]

IMG_FINDINGS = ["a 3 mm disc protrusion", "mild degenerative changes", "no acute fracture", "a partial thickness rotator cuff tear",
                "moderate foraminal stenosis", "a tear of the posterior horn of the medial meniscus", "unremarkable findings",
                "facet arthropathy", "a 4 mm disc bulge with annular fissure", "tendinosis without full thickness tear",
                "mild carpal tunnel syndrome", "no evidence of radiculopathy", "degenerative disc disease with disc desiccation",
                "mild osteoarthritis", "joint effusion", "mild spondylosis"]

DENIAL_REASONS = ["the lack of documented functional improvement", "there was no evidence the patient has tried and failed conservative care",
                  "the guidelines do not support multiple physical modalities being performed concurrently",
                  "there was no documentation of the intention to treat over a short course",
                  "the examination findings did not support the requested imaging",
                  "a lack of documentation of objective improvement in function with the prior sessions",
                  "the guidelines stating that it is not recommended", "the request exceeding the guideline recommendations",
                  "there was no documentation that alternative treatments have been considered",
                  "the documentation not reflecting any functional benefit from prior sessions",
                  "the lack of red flag findings", "there being no documented neurological deficits"]

COMPLAINTS_EXTRA = ["difficulty with sleep", "numbness and tingling", "stiffness", "weakness", "muscle spasms", "headaches",
                    "anxiety and depression", "difficulty with prolonged sitting and standing"]

INTRO_LINES = "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:"
